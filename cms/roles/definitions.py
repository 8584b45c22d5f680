"""The newsroom's roles as Django groups, each with exactly the permissions it needs."""

from django.contrib.auth.management import create_permissions

AUTHORS = "Authors"
EDITORS = "Editors"
EXPERT_STAFF = "Expert staff"

_ALL = ("add", "change", "delete", "view")

# group name -> {"app_label.model": actions}; an action is a codename's prefix, as in "publish_interview".
ROLE_PERMISSIONS = {
    AUTHORS: {
        # Which interviews an author may change (their own drafts) is decided in interviews.workflow.
        "interviews.interview": ("add", "change", "view"),
        "interviews.block": _ALL,
        "interviews.interviewexpert": _ALL,
        "interviews.expert": ("view",),
        "taggit.tag": ("view",),
    },
    EDITORS: {
        "interviews.interview": (*_ALL, "publish"),
        "interviews.approvalrequest": _ALL,
        "interviews.statuschange": ("view",),
        "interviews.block": _ALL,
        "interviews.interviewexpert": _ALL,
        "interviews.expert": _ALL,
        "interviews.expertlink": _ALL,
        "interviews.experttranslation": _ALL,
        "taggit.tag": _ALL,
        "attribution.sourcenotice": _ALL,
        "attribution.republication": ("view", "delete"),
        "attribution.republicationview": ("view",),
        "reports.errorreport": ("change", "delete", "view"),
        "reports.correction": _ALL,
    },
    EXPERT_STAFF: {
        "interviews.expert": _ALL,
        "interviews.expertlink": _ALL,
        "interviews.experttranslation": _ALL,
    },
}


def sync_roles(apps):
    """Create or reset each role's group so it has exactly its listed permissions."""
    for app_config in apps.get_app_configs():
        # Permissions are normally made after migrations; a fresh database needs them now.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for model_key, actions in grants.items():
            app_label, model = model_key.split(".")
            permissions += Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        group.permissions.set(permissions)
