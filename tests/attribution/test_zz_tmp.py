from tests.attribution.test_views import RepublishPageTests as B, textarea
class Demo(B):
    def test_demo(self):
        print("\n" + textarea(self.get(), "republish-html"))
