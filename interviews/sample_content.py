"""Sample experts and interviews for the demo site and for tests."""

EXPERTS = [
    {
        "name": "Saule Berdibekova",
        "slug": "saule-berdibekova",
        "position": "Senior research fellow",
        "affiliation": "Institute for Water and Land Policy, Almaty",
        "short_bio": (
            "Saule Berdibekova is a water-resources economist and senior research fellow at the Institute "
            "for Water and Land Policy in Almaty. She studies the management of transboundary rivers in the "
            "Syr Darya and Amu Darya basins, the pricing of irrigation water and the economics of "
            "cross-border electricity trade. Before turning to research, she spent eight years as an "
            "analyst with a basin water authority in southern Kazakhstan."
        ),
        "bio": (
            "<p>Saule Berdibekova is a water-resources economist and senior research fellow at the "
            "Institute for Water and Land Policy in Almaty, where she leads a programme on transboundary "
            "river basins. Her work concerns the allocation of water between upstream and downstream "
            "states, the cost of irrigation losses and the links between reservoir management and regional "
            "energy markets.</p>"
            "<p>She began her career as an analyst with a basin water authority in southern Kazakhstan, "
            "calculating seasonal release schedules for canals on the Syr Darya. That experience, she says, "
            "taught her that most disputes over water are really disputes over timing. She later completed "
            "a doctorate in agricultural economics at a university in Almaty, with a dissertation on the "
            "informal water markets that emerged in the region's collective farms after 1991.</p>"
            "<p>Berdibekova has advised donor-funded irrigation projects in Kazakhstan, Uzbekistan and "
            "Kyrgyzstan and is the author of <em>Timing the River: Reservoirs, Barter and Trust in the Syr "
            "Darya Basin</em>. She writes regularly for regional policy journals and teaches a graduate "
            "course on water governance.</p>"
        ),
        "photo_credit": "Photo: Meridian",
        "links": [
            ("Institute profile", "https://example.org/iwlp/people/saule-berdibekova"),
            ("Publications", "https://example.org/scholar/saule-berdibekova"),
        ],
        "translations": {
            "ru": {
                "name": "Сауле Бердибекова",
                "position": "Старший научный сотрудник",
                "affiliation": "Институт водной и земельной политики, Алматы",
                "short_bio": (
                    "Сауле Бердибекова — экономист, изучающий водные ресурсы, старший научный сотрудник "
                    "Института водной и земельной политики в Алматы. Занимается трансграничными реками "
                    "бассейнов Сырдарьи и Амударьи и ценой поливной воды."
                ),
                "bio": (
                    "<p>Сауле Бердибекова изучает, как страны региона делят воду трансграничных рек, "
                    "сколько стоит поливная вода и почему старые договорённости о зимнем топливе и летней "
                    "воде перестали работать. Она пишет для региональных аналитических журналов и ведёт "
                    "магистерский курс по управлению водными ресурсами.</p>"
                ),
            },
        },
    },
    {
        "name": "Farrukh Nazarmatov",
        "slug": "farrukh-nazarmatov",
        "position": "Associate professor of sociology",
        "affiliation": "Centre for Labour Mobility Research, Tashkent",
        "short_bio": (
            "Farrukh Nazarmatov is a sociologist who studies labour migration from Central Asia and its "
            "effects on households and local economies. He is an associate professor at the Centre for "
            "Labour Mobility Research in Tashkent and has conducted fieldwork among migrant workers in "
            "Russia, Kazakhstan and South Korea, as well as in their home villages in the Fergana Valley "
            "and southern Tajikistan."
        ),
        "bio": (
            "<p>Farrukh Nazarmatov is a sociologist and associate professor at the Centre for Labour "
            "Mobility Research in Tashkent. For more than fifteen years he has studied how people from "
            "Uzbekistan, Tajikistan and Kyrgyzstan find work abroad, how they send money home and how their "
            "absence changes the families and villages they leave behind.</p>"
            "<p>His fieldwork has taken him to construction sites in the Moscow region, to warehouses "
            "outside Almaty and to factory dormitories in South Korea, and back to the Fergana Valley, "
            "where he has followed the same group of households since 2012. He is particularly interested "
            "in the informal networks of recruiters, relatives and money-transfer agents that shape "
            "migrants' choices long before any state programme reaches them.</p>"
            "<p>Nazarmatov holds a doctorate in sociology from a university in Tashkent and has been a "
            "visiting researcher at universities in Europe and East Asia. He is the co-editor of a "
            "collected volume on return migration in Central Asia and regularly advises on survey design "
            "for labour-market studies in the region.</p>"
        ),
        "photo_credit": "Photo: Meridian",
        "links": [
            ("Centre profile", "https://example.org/clmr/staff/nazarmatov"),
            ("Research blog", "https://example.org/blogs/farrukh-nazarmatov"),
        ],
        "translations": {
            "ru": {
                "name": "Фаррух Назарматов",
                "position": "Доцент",
                "affiliation": "Центр исследований трудовой мобильности, Ташкент",
                "short_bio": (
                    "Фаррух Назарматов — социолог, изучающий трудовую миграцию из Центральной Азии и её "
                    "влияние на семьи и местную экономику. Доцент Центра исследований трудовой "
                    "мобильности в Ташкенте."
                ),
                "bio": (
                    "<p>Фаррух Назарматов проводил полевые исследования среди трудовых мигрантов в России, "
                    "Казахстане и Южной Корее, а также в их родных сёлах в Ферганской долине и на юге "
                    "Таджикистана. Его интересует, на что семьи тратят переводы и что меняется, когда "
                    "мигранты возвращаются домой.</p>"
                ),
            },
        },
    },
    {
        "name": "Elnura Sydykbaeva",
        "slug": "elnura-sydykbaeva",
        "position": "Research fellow",
        "affiliation": "Bishkek Centre for Media and Security Studies",
        "short_bio": (
            "Elnura Sydykbaeva is a researcher of media and regional security based in Bishkek. A research "
            "fellow at the Bishkek Centre for Media and Security Studies, she studies media regulation, the "
            "economics of independent newsrooms and the way foreign powers compete for influence in Central "
            "Asia's information space. She previously worked for nine years as a reporter and editor."
        ),
        "bio": (
            "<p>Elnura Sydykbaeva is a research fellow at the Bishkek Centre for Media and Security "
            "Studies, where she heads a project that tracks changes in media legislation across the five "
            "Central Asian states. Her research covers the regulation of online platforms, the financial "
            "sustainability of independent newsrooms and the place of Russian and Chinese state media in "
            "the region.</p>"
            "<p>Before moving into research, she spent nine years as a reporter and later as a news editor "
            "in Bishkek, covering parliament, border disputes and the Kyrgyz–Tajik clashes. She still "
            "describes herself as “a journalist who now reads laws instead of press releases”. She holds a "
            "master's degree in international security from a university in Europe.</p>"
            "<p>Sydykbaeva has written policy papers on information security doctrines, cross-border "
            "reporting and the growth of Telegram as a news platform in Central Asia. She regularly leads "
            "training sessions for young reporters on covering security topics and on working safely under "
            "restrictive laws.</p>"
        ),
        "photo_credit": "Photo: Meridian",
        "links": [
            ("Centre profile", "https://example.org/bcmss/team/elnura-sydykbaeva"),
            ("Media law tracker", "https://example.org/bcmss/media-law-tracker"),
        ],
        "translations": {
            "ru": {
                "name": "Элнура Сыдыкбаева",
                "position": "Научный сотрудник",
                "affiliation": "Бишкекский центр исследований медиа и безопасности",
                "short_bio": (
                    "Элнура Сыдыкбаева — исследователь медиа и бывший парламентский корреспондент в "
                    "Бишкеке. Изучает регулирование онлайн-платформ и экономику независимых редакций."
                ),
                "bio": (
                    "<p>Элнура Сыдыкбаева много лет писала о парламенте и пограничных спорах, а теперь "
                    "изучает, как законы о платформах и уход иностранных грантов меняют работу "
                    "независимых редакций. Она проводит тренинги для молодых журналистов о безопасной "
                    "работе.</p>"
                ),
            },
        },
    },
]

INTERVIEWS = [
    {
        "slug": "upstream-downstream-water-sharing",
        "title": (
            "Saule Berdibekova and Elnura Sydykbaeva: The old water bargain is gone and nothing has "
            "replaced it"
        ),
        "lead": (
            "Central Asia's great rivers are shared by five states and, increasingly, by a sixth that was "
            "never part of the Soviet arrangements. A water economist and a security researcher explain why "
            "the rules for dividing the Amu Darya and the Syr Darya are fraying, and what could take their "
            "place."
        ),
        "language": "en",
        "byline": "Interview by Dana Orazbayeva",
        "interviewer_label": "Meridian",
        "status": "published",
        "days_ago": 2,
        "cover_caption": "Saule Berdibekova and Elnura Sydykbaeva",
        "cover_credit": "Photo: Meridian",
        "tags": ["Water", "Kazakhstan", "Uzbekistan", "Tajikistan", "Afghanistan", "China", "Security"],
        "experts": [
            {
                "slug": "saule-berdibekova",
                "role": "Senior research fellow, Institute for Water and Land Policy, Almaty",
            },
            {
                "slug": "elnura-sydykbaeva",
                "role": "Research fellow, Bishkek Centre for Media and Security Studies",
            },
        ],
        "blocks": [
            ("question", "Let us begin with the basics. Why is sharing water so difficult in Central Asia?"),
            (
                "answer",
                (
                    "Berdibekova: Because the geography and the economy point in opposite directions. "
                    "Almost all of the water in the Aral Sea basin forms in the mountains of Kyrgyzstan and "
                    "Tajikistan, while most of it is used on the plains of Uzbekistan, Turkmenistan and "
                    "southern Kazakhstan. The upstream countries have the water but relatively little "
                    "irrigated land; the downstream countries have millions of hectares of cotton, wheat "
                    "and rice that cannot survive a single summer without it.\n\n"
                    "On top of that, the two sides need the water at different times of year. Farmers "
                    "downstream want it in spring and summer, during the growing season. Upstream, the "
                    "priority is electricity, and electricity is most valuable in winter, when it is cold "
                    "and dark. So the same cubic metre of water is worth most to one country precisely when "
                    "the other wants to hold it back."
                ),
            ),
            (
                "question",
                "How did the Soviet system deal with that contradiction, and what happened to it after 1991?",
            ),
            (
                "answer",
                (
                    "Berdibekova: In Soviet times the contradiction was managed by planners in Moscow, who "
                    "treated the whole basin as one economy. The large reservoirs upstream, such as "
                    "Toktogul on the Naryn, were operated mainly for irrigation. They stored water in "
                    "winter and released it in summer, and in return the upstream republics received coal, "
                    "gas and fuel oil from their neighbours to get through the winter. Nobody had to "
                    "negotiate, because it was all one budget.\n\n"
                    "After independence, the water quotas survived, but the compensation did not. The five "
                    "states agreed {in 1992} to keep the Soviet-era allocation limits and set up a joint "
                    "commission to coordinate them. Fuel deliveries, however, became a matter of commercial "
                    "contracts and political mood. When the gas stopped arriving on time, Kyrgyzstan and "
                    "Tajikistan began releasing more water in winter to generate power, which meant "
                    "flooding downstream in January and shortages in July.\n\n"
                    "For thirty years the region has lived with that mismatch. There were barter agreements "
                    "that worked for a season or two, and then collapsed over unpaid debts. What we have "
                    "now is less a system than a series of annual deals, renegotiated every spring."
                ),
            ),
            (
                "question",
                (
                    "Elnura, you look at this from a security angle. Is water genuinely a source of "
                    "conflict in the region, or is that overstated?"
                ),
            ),
            (
                "answer",
                (
                    "Sydykbaeva: It is often overstated in the way it is presented. Foreign commentators "
                    "have been predicting “water wars” in Central Asia since the 1990s, and they have not "
                    "happened. States do not go to war over rivers very often, anywhere in the world, "
                    "because war does not actually deliver more water. Governments in the region understand "
                    "that.\n\n"
                    "But that does not mean water is irrelevant to security. At the local level it is a "
                    "constant source of friction. The border clashes between Kyrgyzstan and Tajikistan in "
                    "recent years often began as disputes over an irrigation canal, a water intake or a "
                    "pasture next to a spring. In the enclaves and along the undemarcated parts of the "
                    "border, villages on both sides draw on the same small streams. When there is a dry "
                    "summer, a quarrel over a sluice gate can turn into stone-throwing, and stone-throwing "
                    "can turn into something much worse if there are armed border guards nearby.\n\n"
                    "So I would say water is rarely the cause of conflict between capitals, but it is very "
                    "often the trigger of conflict between communities. And in a region where community "
                    "conflicts have escalated into interstate fighting, that distinction matters less than "
                    "it sounds."
                ),
            ),
            (
                "question",
                (
                    "A new actor has appeared on the Amu Darya: Afghanistan, which is building the Qosh "
                    "Tepa canal in the north of the country. How serious is this for the downstream states?"
                ),
            ),
            (
                "answer",
                (
                    "Berdibekova: It is the most significant change to the basin's water balance in "
                    "decades. Afghanistan has always had a legitimate claim to the river, because a "
                    "substantial share of the Amu Darya's flow originates in its territory. But it was "
                    "never part of the Soviet allocation scheme, and it used very little water because it "
                    "lacked the infrastructure. The canal changes that. If it is completed as designed and "
                    "operated at full capacity, it could take a sizeable share of the flow that currently "
                    "reaches Uzbekistan and Turkmenistan. Estimates vary widely, and that uncertainty is "
                    "itself part of the problem.\n\n"
                    "The second concern is engineering quality. The canal is being dug quickly, through "
                    "sandy soil, and there are reasonable fears about seepage and losses. Water that soaks "
                    "into the desert is lost to everyone. For Karakalpakstan and the Khorezm region, which "
                    "are already at the very end of the river and already short of water in dry years, even "
                    "a modest reduction could be painful."
                ),
            ),
            (
                "question",
                "Can the Central Asian states negotiate with the Taliban government on water at all?",
            ),
            (
                "answer",
                (
                    "Sydykbaeva: They already do, quietly. Uzbekistan and Turkmenistan have kept working "
                    "channels open with Kabul since {the Taliban returned to power in} 2021, for trade, for "
                    "electricity exports and for rail projects. Water has been raised in those meetings. "
                    "The difficulty is that there is no legal framework. Afghanistan is not a party to the "
                    "regional agreements, and the current authorities have little interest in joining "
                    "arrangements that, from their point of view, were designed to exclude them.\n\n"
                    "There is also a question of leverage. The downstream states need something to offer, "
                    "and they do have things to offer: electricity, transit, access to ports, technical "
                    "help with irrigation. A deal in which Uzbekistan helps line the canal to reduce "
                    "losses, in exchange for an agreed schedule of withdrawals, is not unimaginable. But it "
                    "would require both sides to treat the issue as a technical negotiation rather than a "
                    "question of sovereignty, and neither side is quite there yet.\n\n"
                    "What worries me more is what happens in a drought year, when both sides are short of "
                    "water at the same time and no agreed rules exist to fall back on. That is when "
                    "misunderstandings become dangerous, because a local commander or a district governor "
                    "may act first and leave the diplomats to explain afterwards."
                ),
            ),
            (
                "question",
                (
                    "Upstream, Tajikistan and Kyrgyzstan are building large hydropower plants. How does the "
                    "Rogun dam change the picture?"
                ),
            ),
            (
                "answer",
                (
                    "Berdibekova: Rogun was once the single most divisive project in the region. For years "
                    "Uzbekistan opposed it publicly, arguing that a reservoir of that size would give "
                    "Tajikistan the ability to cut off water during the growing season. That position "
                    "softened considerably after 2016, when Tashkent shifted to a policy of cooperation "
                    "with its neighbours and began talking about buying electricity from the plant rather "
                    "than blocking it.\n\n"
                    "From an economist's point of view, a large upstream reservoir is not inherently bad "
                    "for downstream users. It can store water in wet years and release it in dry ones, "
                    "which smooths out the swings that hurt farmers most. The real question is who decides "
                    "the release schedule and on what terms. If Rogun is operated purely to maximise winter "
                    "power for export, downstream farmers will suffer. If it is operated under an agreement "
                    "that pays Tajikistan for summer releases, it could make the whole basin more "
                    "resilient.\n\n"
                    "In other words, the dam is neither a weapon nor a gift. It is a large valve, and "
                    "everything depends on the rules for turning it. Those rules do not yet exist, and "
                    "writing them should be a condition of financing, not an afterthought once the "
                    "reservoir has filled."
                ),
            ),
            (
                "image",
                {
                    "caption": (
                        "The Amu Darya near Termez, where the river forms the border between Uzbekistan and "
                        "Afghanistan."
                    ),
                    "credit": "Photo: Meridian",
                },
            ),
            (
                "question",
                (
                    "Kazakhstan has its own upstream problem, with China. How do the Ili and the Irtysh fit "
                    "into this?"
                ),
            ),
            (
                "answer",
                (
                    "Berdibekova: They are a reminder that Kazakhstan is a downstream country in two basins "
                    "at once. The Ili feeds Lake Balkhash, and the Irtysh supplies water to much of eastern "
                    "and northern Kazakhstan, including the canal that carries water to the industrial city "
                    "of Karaganda. Both rivers rise in Xinjiang, where irrigated agriculture, industry and "
                    "cities have been expanding rapidly.\n\n"
                    "Kazakhstan and China have a joint commission on transboundary rivers and several "
                    "agreements on data exchange and water quality, but there is still no binding agreement "
                    "on how much water each side can take. China has generally preferred bilateral, "
                    "technical arrangements over anything resembling a basin-wide treaty. For Astana, the "
                    "main concern is Balkhash: the lake is shallow, and even a modest long-term reduction "
                    "in inflow from the Ili could tip it towards the kind of decline we saw in the Aral "
                    "Sea.\n\n"
                    "Sydykbaeva: It is also a very different political relationship. With its southern "
                    "neighbours Kazakhstan negotiates as an equal or as the stronger party. With China it "
                    "negotiates with a partner that is much larger and that it depends on economically. "
                    "That shapes how loudly the issue is raised in public, which is to say, not very loudly."
                ),
            ),
            (
                "question",
                (
                    "Upstream governments often say that the real problem is not scarcity but waste "
                    "downstream. Is that fair?"
                ),
            ),
            (
                "answer",
                (
                    "Berdibekova: It is partly fair, and downstream experts say it themselves now. A large "
                    "share of irrigation water in the basin is lost before it ever reaches a plant. Much of "
                    "the canal network was built in the 1960s and 1970s, most of it unlined, and it has "
                    "been maintained poorly since. Flood irrigation is still the norm on most farms. In "
                    "some districts only around half the water diverted from the river actually reaches the "
                    "fields.\n\n"
                    "But I would be careful with the argument, because it is often used to shift "
                    "responsibility rather than to solve anything. Modernising irrigation is expensive, and "
                    "the benefits go partly to neighbours. If an Uzbek farmer installs drip irrigation and "
                    "saves water, there is no mechanism to ensure the saving stays in Uzbekistan or goes to "
                    "the Aral Sea. It may simply be used by the next canal. Efficiency without agreed "
                    "allocations does not necessarily reduce pressure on the river.\n\n"
                    "Where I see real progress is in the cotton sector. Since the state abandoned "
                    "compulsory cotton quotas, farmers in Uzbekistan have had more freedom to choose crops, "
                    "and many are moving towards fruit and vegetables that use less water per dollar of "
                    "income. That is a quieter change than any dam, but it may matter more."
                ),
            ),
            ("question", "Should water have a price? In most of the region it is almost free for farmers."),
            (
                "answer",
                (
                    "Berdibekova: Water does have a price in most of the region, but it is a price for "
                    "delivery, not for the water itself, and it is usually far below the real cost of "
                    "maintaining canals. The result is a chronic underfunding of infrastructure and no "
                    "incentive to save. Farmers who use twice as much as they need pay very little more "
                    "than those who are careful.\n\n"
                    "I am in favour of higher, volume-based tariffs, but only if they are introduced "
                    "gradually and if the money stays in the local system, with water-user associations "
                    "that farmers actually trust. Where tariffs have been raised and the money disappeared "
                    "into a ministry, the result was simply resentment and more informal tapping of canals. "
                    "The technical side is not the hard part. Metering is cheap now. The hard part is "
                    "persuading people that paying more will give them a more reliable supply."
                ),
            ),
            ("heading", "Glaciers and the long view"),
            ("question", "How does climate change alter these calculations?"),
            (
                "answer",
                (
                    "Berdibekova: It changes the timing first and the volumes later. The glaciers of the "
                    "Tien Shan and the Pamir are shrinking, and for now that means more meltwater in some "
                    "rivers, not less. That temporary abundance is misleading. Once the smaller glaciers "
                    "have gone, summer flows in the late season, exactly when farmers need them most, will "
                    "decline. Hydrologists disagree about when exactly this happens in each basin, but not "
                    "about the direction.\n\n"
                    "At the same time, higher temperatures mean crops need more water, and more of it "
                    "evaporates from reservoirs and canals. So the basin faces a squeeze from both ends: "
                    "less reliable supply in late summer and higher demand. Any agreement negotiated today "
                    "on the basis of average flows from the last fifty years is already out of date.\n\n"
                    "Sydykbaeva: And politically, this is the part that is hardest to sell. Governments in "
                    "the region plan in terms of the next harvest or the next election cycle. A problem "
                    "whose worst effects will arrive in twenty or thirty years is easy to postpone, "
                    "especially when this year's river looks full."
                ),
            ),
            ("question", "Are the regional institutions set up after independence still useful?"),
            (
                "answer",
                (
                    "Berdibekova: More useful than their reputation suggests. The coordination commission "
                    "and its basin organisations still produce the seasonal schedules that keep the system "
                    "running, and technical staff on all sides know each other well. In a crisis, they are "
                    "often the people who pick up the phone. What these bodies lack is authority. They can "
                    "propose, but they cannot enforce, and they have no say over how reservoirs are "
                    "operated for energy.\n\n"
                    "The larger umbrella body for the Aral Sea has been reformed several times and has "
                    "served mainly as a platform for summit declarations. I would not abolish it, but I "
                    "would not expect it to broker a new water-sharing deal either. That will happen, if it "
                    "happens, through bilateral and trilateral agreements between the countries that share "
                    "a particular river."
                ),
            ),
            (
                "quote",
                (
                    "A dam is neither a weapon nor a gift. It is a large valve, and everything depends on "
                    "the rules for turning it."
                ),
            ),
            (
                "question",
                (
                    "What role do outside powers play: Russia, China, the European Union, the international "
                    "financial institutions?"
                ),
            ),
            (
                "answer",
                (
                    "Sydykbaeva: Russia used to be the informal guarantor of the post-Soviet order in the "
                    "region, including on water, but its attention and resources are now elsewhere. China "
                    "is mainly interested in energy and transport, and it has built or financed hydropower "
                    "projects in Kyrgyzstan and Tajikistan without taking any position on allocation. The "
                    "European Union and the development banks are the most engaged on water governance "
                    "itself, through funding for irrigation reform, data systems and training.\n\n"
                    "The risk is that each outside player pursues its own project without regard to the "
                    "basin as a whole. A hydropower plant financed by one lender, a canal rehabilitation "
                    "financed by another and an agricultural programme backed by a third can easily work "
                    "against each other. The governments of the region are increasingly aware of this and "
                    "have started to insist on coordination, which is a positive sign."
                ),
            ),
            (
                "question",
                "If you could change one thing in how the region manages its rivers, what would it be?",
            ),
            (
                "answer",
                (
                    "Berdibekova: I would make the data public. Today, flow measurements, reservoir levels "
                    "and withdrawal figures are often treated as state secrets, and each country suspects "
                    "the others of under-reporting what they take. It is very hard to negotiate when you "
                    "cannot agree on the numbers. A shared, open monitoring system, with gauges that all "
                    "sides can read in real time, would not solve the political disputes, but it would "
                    "remove a great deal of the suspicion that feeds them.\n\n"
                    "Sydykbaeva: I would add a crisis mechanism for drought years. Right now, each dry "
                    "summer produces improvised bilateral phone calls, and sometimes that works. A "
                    "pre-agreed procedure that kicks in when flows drop below a certain level, with clear "
                    "priorities for drinking water, for the most vulnerable districts and for the Aral Sea, "
                    "would take some of the improvisation and the danger out of the situation."
                ),
            ),
        ],
    },
    {
        "slug": "labour-migration-new-routes",
        "title": "Farrukh Nazarmatov: Migrants are no longer waiting for the state to find them a route",
        "lead": (
            "Russia has tightened its rules for foreign workers, and Central Asian migrants are "
            "increasingly looking to South Korea, Britain, the Gulf and Kazakhstan instead. A sociologist "
            "explains how the map of labour migration is being redrawn and what remittances can and cannot "
            "do for the countries that depend on them."
        ),
        "language": "en",
        "byline": "Interview by Rustam Khaidarov",
        "interviewer_label": "Meridian",
        "status": "published",
        "days_ago": 9,
        "cover_caption": "Farrukh Nazarmatov",
        "cover_credit": "Photo: Meridian",
        "tags": ["Migration", "Uzbekistan", "Tajikistan", "Kyrgyzstan", "Kazakhstan", "Russia", "Economy"],
        "experts": [
            {
                "slug": "farrukh-nazarmatov",
                "role": "Associate professor, Centre for Labour Mobility Research, Tashkent",
            },
        ],
        "blocks": [
            (
                "question",
                "How many people from Central Asia work abroad today, and how much can we trust the figures?",
            ),
            (
                "answer",
                (
                    "We are talking about several million people at any given moment, most of them from "
                    "Uzbekistan, Tajikistan and Kyrgyzstan. But I always warn against treating any single "
                    "number as precise. Official statistics in the sending countries count people who "
                    "registered their departure or used a state recruitment channel, which is a minority. "
                    "The receiving countries count work permits, entries or registrations, and each of "
                    "those measures captures a different slice of reality.\n\n"
                    "A large share of migration is seasonal and circular. A man from a village near "
                    "Namangan may spend eight months on a construction site near Moscow, return home for "
                    "the winter, and then go to Kazakhstan the following year. He appears in some "
                    "statistics three times and in others not at all. So when I hear a figure quoted to the "
                    "nearest thousand, I become suspicious.\n\n"
                    "The most reliable indicator is actually money. Remittance flows are measured by "
                    "central banks and payment systems, and they tell us a great deal about where people "
                    "are working and how well they are earning, even if they do not tell us exactly how "
                    "many people there are."
                ),
            ),
            (
                "question",
                "Russia has remained the main destination for decades. Why has it been so resilient?",
            ),
            (
                "answer",
                (
                    "Because the whole infrastructure of migration was built around it. There is a shared "
                    "language, at least for the older generation, visa-free entry, and, above all, "
                    "networks. A young man leaving his village does not go to a country, he goes to a "
                    "cousin, a neighbour or a foreman from the next district who already has a job lined "
                    "up. Those networks took thirty years to build, and they do not disappear overnight.\n\n"
                    "There is also the question of scale. The Russian labour market is enormous, and it has "
                    "persistent shortages in construction, transport, warehousing, cleaning and retail. "
                    "Wages, even after the ruble's swings, have generally been higher than anything "
                    "available at home. For a family in southern Tajikistan, there has simply been no "
                    "comparable alternative."
                ),
            ),
            ("question", "What has changed since the attack on a concert hall near Moscow in 2024?"),
            (
                "answer",
                (
                    "The atmosphere changed first, and then the rules. After the attack, in which the "
                    "suspects were citizens of Tajikistan, there was a wave of raids, document checks and "
                    "deportations, and a very visible rise in hostility in public discourse and on social "
                    "media. Migrants I interviewed described being stopped several times a week, being "
                    "refused rental apartments and being afraid to let their children go out in the "
                    "evening.\n\n"
                    "Legally, the direction has been towards more control: stricter language and history "
                    "testing, a register of people deemed to be in the country illegally, new language "
                    "requirements for migrants' children enrolling in Russian schools, and regional bans on "
                    "foreign workers in particular occupations. Each measure on its own may look technical. "
                    "Together, they raise the cost and the risk of working in Russia, especially for those "
                    "without perfect documents.\n\n"
                    "It is important to say that this did not cause a mass exodus. Many migrants have no "
                    "realistic alternative, and employers in Russia still need them. But it accelerated a "
                    "search for other destinations that had already begun, particularly among younger and "
                    "better-educated people who have the means to choose."
                ),
            ),
            ("question", "Where are people going instead?"),
            (
                "answer",
                (
                    "The most visible new destinations are South Korea, the United Kingdom, some countries "
                    "of the European Union such as Poland and Germany, the Gulf states and Turkey. And "
                    "Kazakhstan, which is in a category of its own and which we should discuss "
                    "separately.\n\n"
                    "Each of these routes selects a different kind of migrant. South Korea, through its "
                    "state-run employment permit programme, takes people who pass a Korean language test "
                    "and a medical examination, and the competition for places in Uzbekistan is intense. "
                    "The British seasonal visa for fruit picking draws mostly young people, many of them "
                    "students, for six months at a time. The Gulf tends to attract workers in construction "
                    "and services through private recruitment agencies, with all the risks that "
                    "involves.\n\n"
                    "What unites them is that, unlike Russia, they require paperwork, money for the ticket "
                    "and often an intermediary. That means they are not really available to the poorest "
                    "families, who remain dependent on the Russian route. Diversification, in other words, "
                    "is real, but it is happening mainly among those who were already slightly better off."
                ),
            ),
            (
                "question",
                (
                    "You have done fieldwork among Central Asian workers in South Korea. How does their "
                    "experience compare?"
                ),
            ),
            (
                "answer",
                (
                    "In material terms it is often better. Wages are higher, contracts are formal, and "
                    "people generally get paid on time. Many of the workers I met were sending home two or "
                    "three times what they could have sent from Russia. Housing is usually provided by the "
                    "employer, and there is far less everyday contact with the police.\n\n"
                    "But it is a more isolated life. People work long shifts in small factories or on farms "
                    "in provincial areas, they do not speak the language well at first, and the diaspora "
                    "networks that support people in Russia are much thinner. The permit ties them to a "
                    "particular employer, and changing jobs is difficult. Several people told me that the "
                    "hardest thing was not the work but the loneliness, and the feeling that they had to "
                    "endure it quietly in order not to lose their place.\n\n"
                    "There is also a strong pressure to overstay. A permit has a limited term, and some "
                    "workers stay on illegally afterwards rather than return to a village where they would "
                    "earn a fraction of the money. That, in turn, makes the Korean authorities more "
                    "cautious about quotas for the following year."
                ),
            ),
            ("question", "And Kazakhstan? You said it deserves separate discussion."),
            (
                "answer",
                (
                    "Kazakhstan has quietly become one of the region's main labour markets. For migrants "
                    "from Uzbekistan and Kyrgyzstan, it offers many of the advantages of Russia: proximity, "
                    "visa-free entry, a shared language or at least a closely related one, and lower travel "
                    "costs. It is also seen, rightly or wrongly, as safer and less hostile. Many of the "
                    "workers I interviewed near Almaty and Shymkent had previously worked in Russia and "
                    "chose Kazakhstan after 2022.\n\n"
                    "The limitation is wages. Earnings in Kazakhstan are generally lower than in the large "
                    "Russian cities, and the work is often informal, in agriculture, markets and "
                    "small-scale construction. So Kazakhstan is a good option for short, seasonal trips and "
                    "for people who want to stay close to home, but it does not fully replace the income "
                    "that a job in Moscow or St Petersburg can provide."
                ),
            ),
            (
                "image",
                {
                    "caption": "Passengers queue for a morning flight to Moscow at the airport in Tashkent.",
                    "credit": "Photo: Meridian",
                },
            ),
            ("question", "How dependent are the sending countries on remittances?"),
            (
                "answer",
                (
                    "Extremely dependent in the case of Tajikistan and Kyrgyzstan. In some recent years, "
                    "money sent home by migrants was equal to close to half of Tajikistan's GDP and around "
                    "a third of Kyrgyzstan's. Uzbekistan's economy is larger and more diversified, so the "
                    "ratio is much lower, but in absolute terms it receives the largest volume of "
                    "remittances in the region.\n\n"
                    "For households, this money is often the difference between poverty and a modest but "
                    "stable life. It pays for food, school fees, medicines and, very importantly, for "
                    "housing. In many villages in the Fergana Valley, almost every new house you see has "
                    "been built with money earned abroad. When remittances fall, as they did sharply for a "
                    "time {in 2015} after the ruble collapsed, the effect is felt immediately in "
                    "consumption, in local construction and in the number of children who drop out of "
                    "school to work."
                ),
            ),
            (
                "question",
                (
                    "Economists sometimes argue that migration acts as a safety valve that allows "
                    "governments to postpone reforms. Do you agree?"
                ),
            ),
            (
                "answer",
                (
                    "There is some truth in it. If several hundred thousand young men entered the domestic "
                    "labour market every year with no jobs available, the social pressure on governments "
                    "would be enormous. Migration absorbs that pressure, and remittances keep consumption "
                    "and the currency more stable than they would otherwise be. That gives governments "
                    "breathing space, and breathing space can be used to reform or to avoid reform.\n\n"
                    "But I think the argument is often made too mechanically. Migration is not only a sign "
                    "of failure at home. It is also how rural families invest in their future, accumulate "
                    "savings and learn skills. And governments in the region are not ignoring the problem; "
                    "they have been trying, with mixed results, to create jobs at home. The more useful "
                    "question is not whether migration delays reform, but whether anything is being done "
                    "with the time it buys."
                ),
            ),
            ("question", "Who migrates has also changed. Are we seeing more women, or more educated people?"),
            (
                "answer",
                (
                    "Both, though from different countries and in different ways. Women have become a much "
                    "more visible part of migration from Kyrgyzstan and, increasingly, from Uzbekistan. "
                    "They work in care, in cleaning, in restaurants and in the garment industry. Some "
                    "travel with husbands, but many go alone, often after a divorce or because they are the "
                    "family's best earner. This is a significant social change in societies where a woman "
                    "travelling abroad for work was once considered shameful.\n\n"
                    "Education levels have also risen. A decade ago the typical migrant had finished "
                    "secondary school and had no vocational training. Now we meet more people with college "
                    "or university degrees, including nurses, teachers and engineers, who work below their "
                    "qualifications because the pay abroad is still higher. That is good for the families "
                    "concerned, but it is a real loss for public services at home, especially in rural "
                    "hospitals and schools."
                ),
            ),
            (
                "quote",
                (
                    "A migrant who has a contract before leaving is a migrant who can plan. One who leaves "
                    "on a rumour is one who can be exploited."
                ),
            ),
            ("question", "What are governments in the region doing to manage migration?"),
            (
                "answer",
                (
                    "Uzbekistan has been the most active. Since around 2017 it has treated labour migration "
                    "as a legitimate part of the economy rather than an embarrassment. It set up a state "
                    "agency for external labour migration, opened pre-departure training centres, signed "
                    "agreements with receiving countries and started offering language courses in Korean, "
                    "German and English. There is also a programme of insurance and support for migrants "
                    "who get into trouble abroad.\n\n"
                    "These are useful steps, but they still reach a relatively small share of migrants. "
                    "Most people continue to rely on relatives and informal recruiters, because that is "
                    "faster and because they trust people they know more than state offices. The challenge "
                    "for governments is not only to create official channels but to make them competitive "
                    "with the informal ones: quicker, cheaper and more reliable.\n\n"
                    "Tajikistan and Kyrgyzstan have done less, partly for lack of resources and partly "
                    "because their relationship with Russia makes it politically delicate to be seen "
                    "encouraging workers to go elsewhere. Both have signed some agreements with new "
                    "destinations, but implementation has been slow and the number of places is small."
                ),
            ),
            ("question", "What happens when migrants come home for good?"),
            (
                "answer",
                (
                    "This is one of the least studied parts of the story, and one that interests me most. "
                    "Many people plan to return after a few years, build a house, perhaps start a small "
                    "business. In practice, a large proportion end up going back abroad, because the "
                    "savings run out sooner than expected or because the business fails. In my panel of "
                    "households in the Fergana Valley, most men who returned {between 2012 and 2020} had "
                    "left again within three years.\n\n"
                    "Those who succeed usually combine money with connections and a realistic plan: a taxi "
                    "service, a small bakery, a greenhouse, a shop selling building materials. Skills "
                    "acquired abroad, such as tiling, welding or driving heavy machinery, are valuable at "
                    "home, but there are few ways to have them recognised formally. If governments want "
                    "returnees to invest, they need to offer simple things: certification of skills, access "
                    "to small loans and some protection from the local officials who see a returning "
                    "migrant as a source of bribes."
                ),
            ),
            (
                "question",
                "If you were advising a government in the region, what would you ask it to do first?",
            ),
            (
                "answer",
                (
                    "I would ask it to stop treating migration as temporary. It has been a permanent "
                    "feature of these economies for a generation, and it will remain one for the "
                    "foreseeable future. Policy should be designed on that basis: pension rights that "
                    "follow the worker across borders, skills certification that receiving countries "
                    "recognise, consular services that actually answer the phone.\n\n"
                    "Second, I would ask it to invest in the children left behind. Hundreds of thousands of "
                    "children in the region are being raised by grandparents or by one parent while the "
                    "other works abroad. Their schooling, their mental health and their sense of a future "
                    "at home will decide whether the next generation also sees migration as the only way "
                    "out. That is a longer-term question than any quota agreement, but it is the one that "
                    "matters most."
                ),
            ),
        ],
    },
    {
        "slug": "independent-media-under-pressure",
        "title": "Elnura Sydykbaeva: The newsroom has moved to Telegram, and so has the pressure",
        "lead": (
            "New laws, vanishing advertising and the loss of foreign grants are squeezing independent "
            "journalism across Central Asia. A Bishkek-based researcher explains how editors are adapting, "
            "and why the region's information space is now shaped as much in Moscow and Beijing as in its "
            "own capitals."
        ),
        "language": "en",
        "byline": "Interview by Madina Yusupova",
        "interviewer_label": "Meridian",
        "status": "published",
        "days_ago": 20,
        "cover_caption": "Elnura Sydykbaeva",
        "cover_credit": "Photo: Meridian",
        "tags": ["Media", "Kyrgyzstan", "Kazakhstan", "Uzbekistan", "China", "Russia", "Security"],
        "experts": [
            {
                "slug": "elnura-sydykbaeva",
                "role": "Research fellow, Bishkek Centre for Media and Security Studies",
            },
        ],
        "blocks": [
            ("question", "How would you describe the state of independent media in Central Asia today?"),
            (
                "answer",
                (
                    "Smaller, more cautious and more inventive than five years ago. The space has narrowed "
                    "in almost every country of the region, though from very different starting points. "
                    "Turkmenistan and Tajikistan have had almost no independent domestic media for a long "
                    "time. Uzbekistan opened up noticeably after 2016 and then partly closed again. "
                    "Kazakhstan has a lively online scene with clear limits that everyone knows. "
                    "Kyrgyzstan, which was the most open, has seen the sharpest change.\n\n"
                    "What has not disappeared is the demand. People in the region want reliable information "
                    "about prices, corruption, borders and their own governments, and they are very good at "
                    "finding it. The question is no longer whether independent journalism survives, but in "
                    "what form, on which platforms and at what personal cost to the people who produce it."
                ),
            ),
            ("question", "Kyrgyzstan was long seen as the exception in the region. What changed?"),
            (
                "answer",
                (
                    "For a long time Kyrgyzstan's media freedom rested less on strong institutions than on "
                    "weak ones. Governments changed often, no single group controlled all the levers of "
                    "power, and that pluralism created room for journalists. When power became more "
                    "centralised after 2020, that room began to shrink quickly.\n\n"
                    "Over the past few years we have seen criminal cases against journalists, the blocking "
                    "of websites, pressure on advertisers and on the families of reporters, and a series of "
                    "new laws that give the authorities broad discretion. Several well-known outlets have "
                    "closed, reduced their staff or moved part of their operations abroad. Others remain "
                    "but have changed the tone of their coverage, especially on the security services and "
                    "on the president's family.\n\n"
                    "I should add that Kyrgyzstan still has more open debate than most of its neighbours. "
                    "But the trend is unmistakable, and the speed of it surprised many people who had "
                    "assumed the country's open political culture was irreversible. It turns out that "
                    "habits of free speech can fade faster than anyone expected once the people who "
                    "defended them are tired, abroad or in court."
                ),
            ),
            ("question", "What legal tools are used against journalists?"),
            (
                "answer",
                (
                    "Across the region the toolkit is quite similar, and governments clearly learn from one "
                    "another and from Russia. First, there are laws against “false information”, which "
                    "allow the authorities to block a site or fine its owners for publishing something they "
                    "consider untrue, often without a court. Second, there are laws on foreign funding, "
                    "such as the law on “foreign representatives” that Kyrgyzstan adopted {in 2024}, which "
                    "impose additional reporting, inspections and a stigmatising label on organisations "
                    "that receive money from abroad.\n\n"
                    "Third, there are the classic criminal articles: incitement of hatred, calls for mass "
                    "unrest, insulting officials, extremism. These are written broadly enough to cover "
                    "almost any critical publication if a prosecutor wants them to. And finally, there are "
                    "accreditation rules for journalists working for foreign media, which give ministries a "
                    "simple way to remove reporters they find inconvenient.\n\n"
                    "The important thing is that these laws are not applied systematically. They are "
                    "applied selectively, and that selectivity is the point. Nobody knows exactly where the "
                    "line is, so everyone stays well back from it. A single prosecution teaches a hundred "
                    "editors what not to publish, which is far cheaper for the state than censorship ever "
                    "was."
                ),
            ),
            ("question", "So self-censorship is the main effect?"),
            (
                "answer",
                (
                    "It is the main effect, and the hardest to measure. When we interview editors, they "
                    "rarely say they have stopped covering a topic. They say they are “being careful”, they "
                    "“check it more”, they “wait for an official comment”. In practice, that means stories "
                    "about the security services, about the business interests of senior officials or about "
                    "certain border incidents simply take much longer to appear, or never appear at all.\n\n"
                    "Self-censorship also changes who goes into journalism. Young reporters see colleagues "
                    "facing trials and decide to work in marketing, or for an international organisation, "
                    "or to leave the country. The loss of experienced editors is particularly damaging, "
                    "because they are the people who know how to report a sensitive story accurately enough "
                    "that it cannot be easily attacked."
                ),
            ),
            ("question", "How much of the pressure is economic rather than political?"),
            (
                "answer",
                (
                    "More than people outside the region realise. The advertising market in most Central "
                    "Asian countries is small, and the largest advertisers are banks, telecoms companies "
                    "and state-linked firms that have no wish to annoy the government. An independent "
                    "outlet that publishes an investigation about a minister can expect its advertising to "
                    "dry up within weeks, without anyone ever issuing an order.\n\n"
                    "That left many newsrooms dependent on grants from foreign donors, which created its "
                    "own vulnerabilities. Governments could point to the funding as proof of foreign "
                    "influence. And when donors change priorities, the money can disappear suddenly. The "
                    "freeze on American foreign assistance {in early 2025} was a shock for several "
                    "newsrooms in the region, which lost a large share of their budgets overnight and had "
                    "to cut staff or suspend projects.\n\n"
                    "The outlets that are coping best are those that diversified early: some reader "
                    "donations, some commercial services such as video production or training, and grants "
                    "from several sources rather than one. None of these is enough on its own, but together "
                    "they mean that a single decision in a foreign capital cannot close the newsroom."
                ),
            ),
            (
                "question",
                (
                    "Audiences have moved to Telegram, Instagram and YouTube. What does that mean for "
                    "journalism?"
                ),
            ),
            (
                "answer",
                (
                    "It means that the newsroom now lives on platforms it does not control. In Uzbekistan "
                    "and Kyrgyzstan in particular, Telegram has become the primary news source for a large "
                    "part of the urban population. Many traditional outlets now publish on Telegram first "
                    "and on their own websites second, if at all. In Kazakhstan, Instagram and increasingly "
                    "TikTok play a similar role for younger audiences.\n\n"
                    "This has real advantages. Telegram is difficult to block, cheap to operate and allows "
                    "direct contact with readers, who send tips, photos and videos. But it also erodes the "
                    "line between journalism and everything else. An anonymous channel with a hundred "
                    "thousand subscribers can publish rumours, paid content or material leaked by the "
                    "security services, and to many readers it looks the same as a professional outlet.\n\n"
                    "And the pressure has followed the audience. Anonymous channels are now used to harass "
                    "journalists, to publish their personal data and to spread campaigns against particular "
                    "outlets. Some of these channels are clearly connected to state structures, although "
                    "that is almost never acknowledged."
                ),
            ),
            (
                "image",
                {
                    "caption": "Reporters at work in a small independent newsroom in Bishkek.",
                    "credit": "Photo: Meridian",
                },
            ),
            ("question", "Russian media remain widely consumed in the region. How influential are they now?"),
            (
                "answer",
                (
                    "Still very influential, though less dominant than ten years ago. Russian television "
                    "channels are available in most of the region, and Russian-language websites, bloggers "
                    "and Telegram channels reach large audiences, especially among older people and in "
                    "northern Kazakhstan. For many people, particularly those with relatives working in "
                    "Russia, Russian media are part of everyday life.\n\n"
                    "Since 2022, the region's governments have become somewhat more careful about this. "
                    "There have been quiet moves to support content in the state languages, to restrict the "
                    "rebroadcasting of some Russian programmes and to develop local channels. At the same "
                    "time, none of the governments wants an open confrontation with Moscow over media, so "
                    "the changes are gradual and rarely announced.\n\n"
                    "What concerns me as a researcher is that the narratives from Russian state media often "
                    "flow into local media without attribution, through rewrites of agency reports and "
                    "through Telegram channels. Readers may not know that what they are reading originated "
                    "in Moscow."
                ),
            ),
            ("question", "China's media presence is growing too. What does it look like?"),
            (
                "answer",
                (
                    "It is less visible and very different in style. China does not have mass-audience "
                    "television channels in the region comparable to Russia's. Instead, it works through "
                    "partnerships: content-exchange agreements with state media, free news feeds from "
                    "Chinese agencies, sponsored supplements, and, above all, training trips for "
                    "journalists and editors, which are very popular because they are well organised and "
                    "fully paid.\n\n"
                    "The effect is not so much to make audiences love China as to make coverage of China "
                    "more cautious and more reliant on official Chinese sources. On topics such as "
                    "Xinjiang, debt or Chinese investment projects, journalists who have a relationship "
                    "with the Chinese embassy may think twice. And state media in the region, which have "
                    "signed agreements with Chinese partners, tend to reproduce Chinese framing almost by "
                    "default.\n\n"
                    "I would not exaggerate the scale. Public opinion in Kazakhstan and Kyrgyzstan remains "
                    "quite sceptical of China, and there is a lively independent conversation about Chinese "
                    "projects. But the infrastructure of influence is being built patiently, and it will "
                    "matter more over time."
                ),
            ),
            ("heading", "A region that rarely reads itself"),
            ("question", "Do people in Central Asia follow news from neighbouring countries?"),
            (
                "answer",
                (
                    "Much less than they should. For decades, news about the region's neighbours reached "
                    "audiences mainly through Moscow, in Russian, and often from a Russian perspective. A "
                    "Kazakh reader would learn about Uzbekistan from a Russian agency report. That is "
                    "slowly changing, but there are still very few correspondents based in neighbouring "
                    "capitals and very few joint projects.\n\n"
                    "This matters for security. The worst moments of the Kyrgyz–Tajik border conflicts were "
                    "accompanied by waves of disinformation on both sides: fake videos, invented casualty "
                    "figures, dehumanising language. Audiences on each side had almost no access to "
                    "reporting from the other side that they could trust. Where journalists from both "
                    "countries had personal contacts, they were able to check claims and calm things down a "
                    "little. Where they did not, social media filled the gap."
                ),
            ),
            (
                "question",
                (
                    "Regional connectivity is the great theme of the moment: new roads, railways, the "
                    "Middle Corridor across the Caspian. Is it being covered well?"
                ),
            ),
            (
                "answer",
                (
                    "Mostly it is covered as a series of announcements. A memorandum is signed, a route is "
                    "launched, a minister declares that freight will triple, and the media report it. What "
                    "is much rarer is follow-up: what the project actually costs, who builds it, how the "
                    "debt will be repaid, whether the trains are running and what happens to the "
                    "communities along the route.\n\n"
                    "That is a missed opportunity, because these projects are exactly the kind of issue "
                    "where independent journalism is useful to everyone, including governments. A railway "
                    "through the mountains or a new border crossing affects land, water, jobs and local "
                    "trade. When coverage is limited to official statements, problems are discovered late, "
                    "and public distrust of large projects grows. Some of the most interesting reporting on "
                    "connectivity is now coming from small regional outlets and from cross-border teams, "
                    "but it is underfunded."
                ),
            ),
            ("quote", "Nobody knows exactly where the line is, so everyone stays well back from it."),
            (
                "question",
                (
                    "Governments often justify restrictions on the media as a matter of security. How do "
                    "you assess that argument?"
                ),
            ),
            (
                "answer",
                (
                    "I take security seriously; it is my field. The region faces real risks: extremist "
                    "propaganda, cross-border tensions, information operations by foreign states. It would "
                    "be naive to pretend otherwise. But the laws we have seen in recent years are not well "
                    "designed to address those risks. They are vague, they give officials broad powers "
                    "without independent oversight, and in practice they are used mostly against domestic "
                    "critics rather than against foreign propaganda or extremist networks.\n\n"
                    "Paradoxically, weakening independent media often makes societies less secure. When "
                    "trusted sources disappear, people do not stop looking for information. They turn to "
                    "anonymous channels, to rumours and to foreign outlets with their own agendas. In a "
                    "crisis, a government that has spent years discrediting independent journalists will "
                    "find that nobody believes its own statements either."
                ),
            ),
            ("question", "What should editors and their supporters do now?"),
            (
                "answer",
                (
                    "For editors, the priority is resilience: legal support, digital security, diversified "
                    "income and, above all, rigorous accuracy. In a restrictive environment, a factual "
                    "mistake is not just embarrassing; it is the opening a prosecutor is waiting for. The "
                    "outlets that survive are those whose work is hardest to fault.\n\n"
                    "For donors and partners, I would ask for longer-term, more flexible funding, instead "
                    "of short projects tied to fashionable topics. And I would ask them to invest in "
                    "regional cooperation: shared fact-checking, joint investigations, exchanges between "
                    "newsrooms in different countries. The region's journalists have more in common with "
                    "each other than with anyone else, and they are stronger when they work together."
                ),
            ),
        ],
    },
    {
        "slug": "миграция-и-деньги",
        "title": "Фаррух Назарматов: «Переводы мигрантов строят дома, но почти не создают рабочих мест»",
        "lead": (
            "Деньги, которые трудовые мигранты отправляют домой, для многих семей в Таджикистане, "
            "Кыргызстане и Узбекистане — главный источник дохода. Социолог рассказывает, на что тратятся "
            "переводы, почему из них так редко вырастает бизнес и что будет, если этот поток однажды "
            "обмелеет."
        ),
        "language": "ru",
        "byline": "Беседовала Айнура Сапарова",
        "interviewer_label": "Меридиан",
        "status": "published",
        "days_ago": 5,
        "cover_caption": "Фаррух Назарматов",
        "cover_credit": "Фото: Меридиан",
        "tags": ["Миграция", "Экономика", "Таджикистан", "Узбекистан", "Кыргызстан"],
        "experts": [
            {
                "slug": "farrukh-nazarmatov",
                "role": "доцент, Центр исследований трудовой мобильности (Ташкент)",
                "bio": "Фаррух Назарматов — социолог, изучает трудовую миграцию из Центральной Азии и её "
                "влияние на семьи и местную экономику. Доцент Центра исследований трудовой мобильности "
                "в Ташкенте, вёл полевые исследования среди мигрантов в России, Казахстане и Южной Корее.",
            },
        ],
        "blocks": [
            (
                "question",
                "Сколько денег мигранты из Центральной Азии отправляют домой и насколько точны эти цифры?",
            ),
            (
                "answer",
                (
                    "Речь идёт о десятках миллиардов долларов в год, и основная часть приходится на "
                    "Узбекистан — просто потому, что это самая большая страна региона и мигрантов из неё "
                    "больше всего. Но если считать относительно размера экономики, то самые зависимые — "
                    "Таджикистан и Кыргызстан. В отдельные годы переводы в Таджикистан были сопоставимы "
                    "почти с половиной его ВВП.\n\n"
                    "С точностью есть проблемы. Центральные банки видят переводы, которые проходят через "
                    "банки и платёжные системы. Но часть денег по-прежнему едет домой в карманах — мигранты "
                    "передают наличные с родственниками, водителями, знакомыми. Есть и неформальные схемы, "
                    "когда деньги фактически не пересекают границу: человек отдаёт рубли одному посреднику, "
                    "а семья получает сомы или сомони от другого. Поэтому официальная статистика — это "
                    "скорее нижняя граница, чем точная сумма."
                ),
            ),
            ("question", "На что семьи тратят эти деньги?"),
            (
                "answer",
                (
                    "Прежде всего на повседневную жизнь: еду, одежду, коммунальные платежи, лекарства, "
                    "учёбу детей. В наших опросах в Ферганской долине в большинстве семей мигрантов именно "
                    "переводы покрывают основную часть текущих расходов. Без них многие домохозяйства "
                    "оказались бы за чертой бедности.\n\n"
                    "Вторая большая статья — жильё. Почти каждый новый дом в кишлаке построен на "
                    "заработанные за границей деньги. Строят долго, годами: один сезон в России — "
                    "фундамент, следующий — стены, потом крыша. Дом для семьи — это и сбережения, и статус, "
                    "и гарантия, что сыну будет куда привести невесту.\n\n"
                    "Третья — это семейные события: свадьбы, обрезание, похороны, поминки. И лишь небольшая "
                    "часть денег идёт на то, что экономисты называют производительными инвестициями, — "
                    "скот, теплицы, оборудование, небольшое дело. Это не значит, что семьи поступают "
                    "неразумно: в условиях, когда других гарантий нет, дом и хорошие отношения с "
                    "родственниками — тоже своего рода страховка."
                ),
            ),
            ("question", "Почему из переводов так редко вырастает бизнес?"),
            (
                "answer",
                (
                    "Причин несколько, и они связаны между собой. Первая — размер. Мигрант, который "
                    "отправляет домой несколько сотен долларов в месяц, едва покрывает нужды семьи. "
                    "Накопить сумму, достаточную для открытия дела, получается далеко не у всех, и на это "
                    "уходят годы.\n\n"
                    "Вторая — риск. В сельской местности мало рынков сбыта, плохие дороги, дорогой кредит и "
                    "непредсказуемые проверки. Человек, который видел, как у соседа закрылся магазин или "
                    "как у него «попросили долю», рассуждает вполне рационально: дом никто не отнимет, а "
                    "бизнес — могут.\n\n"
                    "Третья — навыки. Умение хорошо работать на стройке в Подмосковье не делает человека "
                    "предпринимателем. Тем, кто всё-таки открывает своё дело, чаще всего помогают не деньги "
                    "сами по себе, а сочетание денег, связей и опыта — например, когда бригадир, "
                    "проработавший десять лет в России, возвращается и собирает собственную бригаду."
                ),
            ),
            ("question", "Вы упомянули свадьбы. Насколько велики расходы на семейные торжества?"),
            (
                "answer",
                (
                    "Очень велики, и это одна из самых болезненных тем. Свадьба в кишлаке может стоить "
                    "столько же, сколько мигрант зарабатывает за год или даже за два. Часто ради неё берут "
                    "в долг, а потом кто-то из семьи уезжает на заработки, чтобы этот долг вернуть. "
                    "Получается замкнутый круг: миграция оплачивает той, а той порождает новую миграцию.\n\n"
                    "Власти пытаются регулировать эти расходы — в Таджикистане и Узбекистане есть правила, "
                    "ограничивающие число гостей и продолжительность торжеств. Эффект есть, но "
                    "ограниченный. Социальное давление сильнее любого закона: семья, которая сыграет "
                    "скромную свадьбу, рискует потерять уважение соседей. Менять это могут только сами "
                    "общины, и в некоторых махаллях такие договорённости действительно появляются."
                ),
            ),
            ("question", "Как колебания курса рубля отражаются на семьях мигрантов?"),
            (
                "answer",
                (
                    "Напрямую и очень быстро. Большинство мигрантов в России получают зарплату в рублях, а "
                    "семьи дома тратят сомони, сомы или сумы. Когда рубль падает, как это было {в конце "
                    "2014 года}, та же самая зарплата превращается в заметно меньшую сумму. Тогда переводы "
                    "в регион сократились очень резко, и мы видели, как семьи урезают расходы на еду и "
                    "откладывают стройку.\n\n"
                    "Бывает и наоборот. В 2022 году рубль на время укрепился, и объём переводов в "
                    "Центральную Азию вырос до рекордных значений. Часть этого роста объяснялась не только "
                    "заработками мигрантов, но и тем, что через региональные банки проходили деньги людей, "
                    "уехавших из России, и средства компаний. Поэтому рекорды того года не стоит "
                    "воспринимать как признак благополучия мигрантов."
                ),
            ),
            ("image", {"caption": "Обменный пункт на рынке в Худжанде.", "credit": "Фото: Меридиан"}),
            ("question", "Изменились ли сами способы перевода денег после 2022 года?"),
            (
                "answer",
                (
                    "Да, и довольно сильно. Санкции против российских банков, отключение части из них от "
                    "международных систем, уход некоторых платёжных сервисов — всё это заставило мигрантов "
                    "и их семьи перестраиваться. Кто-то перешёл на переводы по номеру телефона через банки, "
                    "которые продолжают работать с Россией, кто-то стал чаще пользоваться картами банков в "
                    "Кыргызстане или Казахстане, а кто-то вернулся к наличным.\n\n"
                    "Для мигранта главное — скорость, цена и надёжность. Люди очень чувствительны к "
                    "комиссии: разница в один-два процента для них ощутима, и они быстро переходят туда, "
                    "где дешевле. При этом любое ужесточение правил в России — например, требования к "
                    "идентификации отправителя — бьёт в первую очередь по тем, у кого не всё в порядке с "
                    "документами. Они уходят в неформальные каналы, где рискуют больше."
                ),
            ),
            ("question", "Какова роль женщин, которые остаются дома, пока мужья работают за границей?"),
            (
                "answer",
                (
                    "Огромная, хотя её часто недооценивают. Когда муж уезжает, жена фактически становится "
                    "главой хозяйства: ведёт бюджет, воспитывает детей, занимается участком, а нередко и "
                    "сама где-то подрабатывает. Но распоряжаться деньгами она может далеко не всегда. Во "
                    "многих семьях переводы приходят свёкру или свекрови, и именно они решают, на что "
                    "потратить деньги.\n\n"
                    "Это порождает напряжение, о котором женщины говорят нам очень откровенно. Есть и более "
                    "тяжёлая сторона: семьи, в которых муж со временем перестаёт присылать деньги или "
                    "создаёт новую семью в России. Такие женщины остаются без дохода и часто без "
                    "юридической защиты, потому что брак был заключён только по религиозному обряду. Именно "
                    "из этой группы сегодня многие сами уезжают на заработки."
                ),
            ),
            ("question", "А дети мигрантов?"),
            (
                "answer",
                (
                    "Это, пожалуй, самый долгосрочный вопрос. Сотни тысяч детей в регионе растут, видя "
                    "одного из родителей или обоих раз в год. С материальной точки зрения они часто живут "
                    "лучше сверстников — у них есть новая одежда, телефоны, деньги на репетиторов. Но "
                    "учителя и психологи, с которыми мы работаем, отмечают у многих таких детей "
                    "тревожность, трудности с учёбой и ощущение, что их будущее заранее определено.\n\n"
                    "Мальчики из семей мигрантов нередко уже в старших классах говорят, что после школы "
                    "поедут «туда же, куда отец». Учёба кажется им бессмысленной, раз всё равно предстоит "
                    "работать на стройке. Если государство хочет разорвать этот круг, вкладываться нужно "
                    "именно сюда — в качество сельских школ, в профессиональное образование, в реальные "
                    "примеры того, что можно состояться дома."
                ),
            ),
            ("quote", "Миграция оплачивает той, а той порождает новую миграцию."),
            (
                "question",
                (
                    "Правительства пытаются направить переводы в инвестиции — через льготные кредиты, "
                    "специальные облигации, программы для вернувшихся. Это работает?"
                ),
            ),
            (
                "answer",
                (
                    "Пока скорее в небольших масштабах. Идея понятна: если часть переводов удастся "
                    "превратить в сбережения и вложения, экономика станет устойчивее. В Узбекистане есть "
                    "программы льготного кредитования для вернувшихся мигрантов, предлагались и специальные "
                    "депозиты. Но доля денег, которая проходит через такие инструменты, остаётся "
                    "небольшой.\n\n"
                    "Главная проблема — доверие. Многие семьи помнят девальвации, замороженные вклады, "
                    "внезапные изменения правил. Для них кирпич надёжнее банка. Чтобы это изменилось, нужны "
                    "годы стабильной работы финансовой системы, а не одна удачная программа. И нужны "
                    "простые продукты: понятный вклад в надёжном банке, доступный через телефон, без "
                    "походов по инстанциям."
                ),
            ),
            ("question", "Можно ли говорить о зависимости экономик региона от переводов?"),
            (
                "answer",
                (
                    "Можно, особенно в случае Таджикистана и Кыргызстана. Переводы поддерживают "
                    "потребление, импорт, стройку, курс национальной валюты и, через налоги на импорт, "
                    "государственный бюджет. Это удобно, но делает экономику очень уязвимой к тому, что "
                    "происходит в другой стране — с её рынком труда, курсом и миграционной политикой.\n\n"
                    "Экономисты говорят и о более тонком эффекте. Когда у семей есть стабильный доход из-за "
                    "рубежа, ожидаемая зарплата дома растёт, и местным работодателям труднее найти людей на "
                    "низкооплачиваемую работу. Одновременно приток денег поддерживает импорт, а не местное "
                    "производство. В итоге переводы помогают семьям жить лучше, но мало помогают экономике "
                    "меняться."
                ),
            ),
            ("question", "Что произойдёт, если поток переводов резко сократится?"),
            (
                "answer",
                (
                    "Краткосрочно — удар по потреблению и бедности, особенно в сельской местности. Мы "
                    "видели это в 2015 году и в начале пандемии, когда границы закрылись и мигранты не "
                    "могли ни уехать, ни вернуться. Семьи переходили на самое необходимое, росли долги, "
                    "стройки замирали.\n\n"
                    "Но самое серьёзное последствие — социальное. Если сотни тысяч молодых мужчин "
                    "одновременно окажутся дома без работы и без перспектив, это создаст давление на рынок "
                    "труда, на власти и на общественный порядок. Поэтому правительства региона так "
                    "внимательно следят за миграционной политикой России и так активно ищут новые "
                    "направления — от Кореи до Великобритании. Это не только экономика, это вопрос "
                    "стабильности."
                ),
            ),
            ("question", "Что бы вы посоветовали правительствам стран, откуда уезжают мигранты?"),
            (
                "answer",
                (
                    "Во-первых, перестать думать о миграции как о временном явлении. Она длится уже больше "
                    "тридцати лет и никуда не денется. Значит, нужны пенсионные права, которые учитывают "
                    "стаж за рубежом, признание квалификаций, нормальная консульская помощь. Мигрант должен "
                    "чувствовать, что государство не забывает о нём в тот момент, когда он пересекает "
                    "границу.\n\n"
                    "Во-вторых, снизить стоимость денег — и в прямом, и в переносном смысле. Дешёвые и "
                    "быстрые переводы, доступные вклады, кредиты без залога под небольшой бизнес. И "
                    "в-третьих, вкладываться в тех, кто остаётся, — в детей, в женщин, в сельские школы и "
                    "колледжи. Именно от них зависит, станет ли следующее поколение снова уезжать на "
                    "стройки или найдёт работу дома."
                ),
            ),
        ],
    },
    {
        "slug": "winter-blackouts-water-problem",
        "title": "Saule Berdibekova: The winter blackouts are a water problem in disguise",
        "lead": (
            "Power cuts have become a fixture of Central Asian winters, from Bishkek to Tashkent. A water "
            "economist argues that the region's electricity crisis cannot be solved without rethinking how "
            "its reservoirs are shared."
        ),
        "language": "en",
        "byline": "Interview by Dana Orazbayeva",
        "interviewer_label": "Meridian",
        "status": "draft",
        "days_ago": 0,
        "cover_caption": "Saule Berdibekova",
        "cover_credit": "Photo: Meridian",
        "tags": ["Energy", "Water", "Kyrgyzstan", "Kazakhstan", "China"],
        "experts": [
            {
                "slug": "saule-berdibekova",
                "role": "Senior research fellow, Institute for Water and Land Policy, Almaty",
            },
        ],
        "blocks": [
            (
                "question",
                (
                    "Winter blackouts are back in several countries of the region. Why is electricity such "
                    "a problem when the region has so much hydropower?"
                ),
            ),
            (
                "answer",
                (
                    "Because hydropower is abundant in summer and scarce in winter, which is exactly the "
                    "wrong way round for a cold, continental climate. Kyrgyzstan and Tajikistan generate "
                    "most of their electricity from rivers, and river flows are lowest in the coldest "
                    "months. At the same time, demand peaks in winter, when many households heat their "
                    "homes with electric heaters because gas and district heating are unavailable or "
                    "unreliable.\n\n"
                    "The downstream countries have the opposite problem. They rely on gas-fired power and "
                    "ageing Soviet-era grids, and domestic gas production in Uzbekistan has been falling "
                    "while consumption keeps rising. So everyone is short at the same time, and the old "
                    "practice of exchanging summer hydropower for winter fuel no longer covers the gap."
                ),
            ),
            ("question", "You argue that the energy crisis is really a water problem. What do you mean?"),
            (
                "answer",
                (
                    "I mean that every kilowatt-hour generated from a reservoir in winter is water that "
                    "will not be available for irrigation in summer. When Kyrgyzstan runs the turbines at "
                    "Toktogul hard in December and January to keep the lights on in Bishkek, it draws down "
                    "a reservoir that downstream farmers in Uzbekistan and Kazakhstan will depend on in "
                    "July. If the following spring is dry, the reservoir does not recover, and the shortage "
                    "moves from the electricity grid to the cotton and wheat fields.\n\n"
                    "So a decision that looks like energy policy in Bishkek is, in effect, water policy for "
                    "the whole Syr Darya basin. That link was obvious to Soviet planners, but today it is "
                    "managed by different ministries in different countries, which rarely sit at the same "
                    "table."
                ),
            ),
            (
                "question",
                (
                    "The region has been talking for years about restoring a common power system. How far "
                    "has that gone?"
                ),
            ),
            (
                "answer",
                (
                    "Further than many people think. The Central Asian power grid was never completely "
                    "dismantled, and since around 2018 most of the countries have reconnected or expanded "
                    "their links. Uzbekistan, Kazakhstan and Kyrgyzstan now trade electricity more "
                    "actively, and there have been several three-way arrangements in which Kazakhstan or "
                    "Uzbekistan supplies power or fuel in winter and Kyrgyzstan releases water in "
                    "summer.\n\n"
                    "What is still missing is a proper market with transparent prices. Most trade is "
                    "negotiated between governments for one season at a time, and payments are sometimes "
                    "made in kind. That makes it hard for investors to plan and easy for a political "
                    "quarrel to interrupt supplies."
                ),
            ),
            (
                "question",
                (
                    "Large new hydropower projects are planned, including Kambarata-1 in Kyrgyzstan. Would "
                    "they help?"
                ),
            ),
            (
                "answer",
                (
                    "They could, if they are designed and operated as regional projects. A large reservoir "
                    "upstream of Toktogul would allow Kyrgyzstan to generate more power in winter without "
                    "drawing down the water that downstream farmers need, because the two reservoirs could "
                    "be operated in tandem. That is why Kazakhstan and Uzbekistan have expressed interest "
                    "in co-financing it rather than opposing it, which would have been unthinkable fifteen "
                    "years ago.\n\n"
                    "The risks are financial and, again, institutional. These are very expensive projects, "
                    "and the question of who pays, who owns the output and who controls the release "
                    "schedule has to be settled before construction, not after. Otherwise the region will "
                    "have built a new source of disputes."
                ),
            ),
            ("question", "Where does China fit into the region's energy plans?"),
            (
                "answer",
                (
                    "China is already a major builder and lender in the sector: power plants, transmission "
                    "lines, and more recently large solar and wind projects, especially in Uzbekistan and "
                    "Kazakhstan. Chinese companies are competitive on price and quick to deliver, and for "
                    "governments facing winter shortages that matters a great deal.\n\n"
                    "The difficulty is that solar and wind do not solve the winter problem on their own. "
                    "Output is lowest on short, cloudy days, when demand is highest, and the grids in the "
                    "region were not built to balance variable generation. Paradoxically, the more solar "
                    "capacity the downstream countries install, the more valuable flexible hydropower "
                    "upstream becomes, as a kind of regional battery. That could be an opportunity for "
                    "Kyrgyzstan and Tajikistan, but only if the reservoirs are managed under rules that "
                    "their neighbours trust."
                ),
            ),
        ],
    },
]
