"""Demo catalogue: categories and imported Korean, Japanese and Russian goods for the pilot-zone shop.

Pure data, no Django imports. Read by ``shop.demo.services`` (``manage.py load_demo``). Every text
is given in all five UI languages. Barcodes are EAN-13 with valid check digits (demo values, not
the manufacturers' real article numbers); origin codes are China customs country codes.
"""

LANGUAGES = ("zh-hans", "ko", "ja", "ru", "en")

CATEGORIES = [
    # (slug, parent_slug or None, names in the 5 languages); parents come before their children.
    (
        "beauty",
        None,
        {
            "zh-hans": "美妆个护",
            "ko": "뷰티",
            "ja": "ビューティー",
            "ru": "Красота и уход",
            "en": "Beauty",
        },
    ),
    (
        "face-masks",
        "beauty",
        {
            "zh-hans": "面膜",
            "ko": "마스크팩",
            "ja": "フェイスマスク",
            "ru": "Тканевые маски",
            "en": "Face masks",
        },
    ),
    (
        "skincare",
        "beauty",
        {
            "zh-hans": "护肤",
            "ko": "스킨케어",
            "ja": "スキンケア",
            "ru": "Уход за кожей",
            "en": "Skincare",
        },
    ),
    (
        "sun-care",
        "beauty",
        {
            "zh-hans": "防晒",
            "ko": "선케어",
            "ja": "日焼け止め",
            "ru": "Защита от солнца",
            "en": "Sun care",
        },
    ),
    (
        "food",
        None,
        {
            "zh-hans": "食品零食",
            "ko": "식품·간식",
            "ja": "食品・お菓子",
            "ru": "Продукты и сладости",
            "en": "Food & snacks",
        },
    ),
    (
        "instant-food",
        "food",
        {
            "zh-hans": "方便速食",
            "ko": "즉석식품",
            "ja": "インスタント食品",
            "ru": "Лапша и быстрые блюда",
            "en": "Instant food",
        },
    ),
    (
        "snacks",
        "food",
        {
            "zh-hans": "休闲零食",
            "ko": "과자·스낵",
            "ja": "スナック菓子",
            "ru": "Снеки",
            "en": "Snacks",
        },
    ),
    (
        "sweets",
        "food",
        {
            "zh-hans": "巧克力糖果",
            "ko": "초콜릿·과자",
            "ja": "チョコレート・菓子",
            "ru": "Шоколад и конфеты",
            "en": "Chocolate & sweets",
        },
    ),
    (
        "honey",
        "food",
        {"zh-hans": "蜂蜜", "ko": "꿀", "ja": "はちみつ", "ru": "Мёд", "en": "Honey"},
    ),
    (
        "groceries",
        "food",
        {"zh-hans": "粮油副食", "ko": "식료품", "ja": "食料品", "ru": "Бакалея", "en": "Groceries"},
    ),
    (
        "drinks",
        None,
        {
            "zh-hans": "酒水饮料",
            "ko": "주류·음료",
            "ja": "お酒・飲料",
            "ru": "Напитки",
            "en": "Drinks",
        },
    ),
    (
        "spirits",
        "drinks",
        {
            "zh-hans": "洋酒烈酒",
            "ko": "주류",
            "ja": "洋酒・蒸留酒",
            "ru": "Крепкий алкоголь",
            "en": "Spirits",
        },
    ),
    (
        "tea-coffee",
        "drinks",
        {
            "zh-hans": "茶与咖啡",
            "ko": "차·커피",
            "ja": "お茶・コーヒー",
            "ru": "Чай и кофе",
            "en": "Tea & coffee",
        },
    ),
    (
        "soft-drinks",
        "drinks",
        {
            "zh-hans": "饮料",
            "ko": "음료",
            "ja": "ソフトドリンク",
            "ru": "Безалкогольные напитки",
            "en": "Soft drinks",
        },
    ),
    (
        "baby",
        None,
        {
            "zh-hans": "母婴",
            "ko": "출산·육아",
            "ja": "マタニティ・ベビー",
            "ru": "Мама и малыш",
            "en": "Mother & baby",
        },
    ),
    (
        "diapers-wipes",
        "baby",
        {
            "zh-hans": "纸尿裤湿巾",
            "ko": "기저귀·물티슈",
            "ja": "おむつ・おしりふき",
            "ru": "Подгузники и салфетки",
            "en": "Diapers & wipes",
        },
    ),
    (
        "infant-formula",
        "baby",
        {
            "zh-hans": "奶粉辅食",
            "ko": "분유·이유식",
            "ja": "粉ミルク・離乳食",
            "ru": "Детское питание",
            "en": "Formula & baby food",
        },
    ),
    (
        "health",
        None,
        {
            "zh-hans": "营养保健",
            "ko": "건강식품",
            "ja": "健康食品",
            "ru": "Здоровье",
            "en": "Health",
        },
    ),
    (
        "ginseng",
        "health",
        {
            "zh-hans": "人参滋补",
            "ko": "홍삼·인삼",
            "ja": "高麗人参",
            "ru": "Женьшень",
            "en": "Ginseng & tonics",
        },
    ),
]

PRODUCTS = [
    # ------------------------------------------------------------------ Korea (133), merchant hanbit
    {
        "sku": "KR-BEA-001",
        "category": "face-masks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Mediheal",
        "customs_name": "美迪惠尔补水保湿面膜",
        "hs_code": "3304990099",
        "barcode": "8809615061015",
        "price": "129.00",
        "stock": 240,
        "net_content": "10 × 27 ml",
        "color": "#8FD3F4",
        "title": {
            "zh-hans": "美迪惠尔 N.M.F 针剂水库补水面膜 10片",
            "ko": "메디힐 N.M.F 아쿠아링 앰플 마스크 10매",
            "ja": "メディヒール N.M.F アクアリング アンプルマスク 10枚入",
            "ru": "Тканевая маска Mediheal N.M.F Aquaring с ампульной сывороткой, 10 шт.",
            "en": "Mediheal N.M.F Aquaring Ampoule Sheet Mask, 10 pcs",
        },
        "description": {
            "zh-hans": "每片浸润约27毫升含NMF天然保湿因子的精华液，敷15–20分钟即可让干燥肌肤恢复水润。"
            "洁面、爽肤后使用，揭下后将剩余精华轻拍至吸收。",
            "ko": "한 장마다 NMF 보습 인자를 담은 앰플 약 27ml가 듬뿍 들어 있어 건조한 피부에 빠르게 수분을 채워 줍니다. "
            "세안 후 토너로 정돈하고 15~20분간 붙인 뒤, 남은 에센스를 가볍게 두드려 흡수시키세요.",
            "ja": "1枚あたり約27mlのNMF配合アンプル美容液がたっぷり染み込み、乾燥した肌を素早くうるおします。"
            "洗顔・化粧水の後に15〜20分のせ、残った美容液はやさしくなじませてください。",
            "ru": "Каждая маска пропитана примерно 27 мл ампульной сыворотки с натуральным увлажняющим фактором (NMF) "
            "и быстро возвращает сухой коже упругость. Нанесите на очищенное лицо на 15–20 минут, остатки сыворотки "
            "вбейте подушечками пальцев.",
            "en": "Each sheet holds about 27 ml of ampoule essence with natural moisturising factor to quench dry, "
            "tight skin. Apply after cleansing and toner for 15–20 minutes, then pat the remaining essence in.",
        },
    },
    {
        "sku": "KR-BEA-002",
        "category": "face-masks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Mediheal",
        "customs_name": "美迪惠尔茶树舒缓面膜",
        "hs_code": "3304990099",
        "barcode": "8809615061022",
        "price": "119.00",
        "stock": 180,
        "net_content": "10 × 24 ml",
        "color": "#A8D5A2",
        "title": {
            "zh-hans": "美迪惠尔 茶树舒缓修护面膜 10片",
            "ko": "메디힐 티트리 케어 솔루션 에센셜 마스크 EX 10매",
            "ja": "メディヒール ティーツリーケアソリューション エッセンシャルマスクEX 10枚入",
            "ru": "Тканевая маска Mediheal Tea Tree Care Solution с чайным деревом, 10 шт.",
            "en": "Mediheal Tea Tree Care Solution Essential Sheet Mask EX, 10 pcs",
        },
        "description": {
            "zh-hans": "含茶树叶提取物与积雪草成分，帮助舒缓因出油、闷痘而泛红的肌肤。适合混合性及油性肌肤，每周使用2–3次。",
            "ko": "티트리 잎 추출물과 병풀 성분이 유분과 트러블로 예민해진 피부를 진정시켜 줍니다. "
            "복합성·지성 피부에 추천하며 주 2~3회 사용하세요.",
            "ja": "ティーツリー葉エキスとツボクサエキスが、皮脂や肌荒れでゆらぎがちな肌を穏やかに整えます。"
            "混合肌・脂性肌におすすめで、週2〜3回のスペシャルケアに。",
            "ru": "Экстракты чайного дерева и центеллы успокаивают кожу, склонную к жирному блеску и покраснениям. "
            "Подходит для комбинированной и жирной кожи, используйте 2–3 раза в неделю.",
            "en": "Tea tree leaf and centella extracts calm oily, breakout-prone skin and visibly reduce redness. "
            "Ideal for combination to oily skin, two or three times a week.",
        },
    },
    {
        "sku": "KR-BEA-003",
        "category": "face-masks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "JM Solution",
        "customs_name": "肌司研珍珠补水面膜",
        "hs_code": "3304990099",
        "barcode": "8809505730212",
        "price": "89.00",
        "stock": 320,
        "net_content": "10 × 30 ml",
        "color": "#DCE3F0",
        "title": {
            "zh-hans": "JM Solution 肌司研 海洋珍珠深层补水面膜 10片",
            "ko": "JM솔루션 마린 루미너스 펄 딥 모이스처 마스크 10매",
            "ja": "JMソリューション マリンルミナスパール ディープモイスチャーマスク 10枚入",
            "ru": "Тканевая маска JM Solution Marine Luminous Pearl с жемчугом, 10 шт.",
            "en": "JM Solution Marine Luminous Pearl Deep Moisture Mask, 10 pcs",
        },
        "description": {
            "zh-hans": "珍珠提取物搭配海洋成分，令暗沉肌肤呈现通透光泽。三层超薄膜布服帖面部轮廓，精华不易滴落。",
            "ko": "진주 추출물과 해양 성분이 칙칙한 피부에 맑은 광채를 더해 줍니다. "
            "얇은 3중 시트가 얼굴 굴곡에 밀착되어 에센스가 흘러내리지 않아요.",
            "ja": "パールエキスと海洋由来成分が、くすみがちな肌に透明感のあるツヤを与えます。"
            "薄い3層シートが顔にぴったり密着し、美容液が垂れにくい仕様です。",
            "ru": "Экстракт жемчуга и морские компоненты возвращают тусклой коже сияние. "
            "Тонкая трёхслойная основа плотно прилегает к лицу, и сыворотка не стекает.",
            "en": "Pearl extract and marine ingredients bring a luminous glow back to dull skin. The thin three-layer "
            "sheet hugs the contours of the face so the essence does not drip.",
        },
    },
    {
        "sku": "KR-BEA-004",
        "category": "face-masks",
        "merchant": "hanbit",
        "warehouse": "incheon-direct",
        "origin": "133",
        "brand": "Abib",
        "customs_name": "阿彼芙鱼腥草舒缓面膜",
        "hs_code": "3304990099",
        "barcode": "8809636421157",
        "price": "139.00",
        "stock": 90,
        "net_content": "10 × 30 ml",
        "color": "#B7D7B0",
        "title": {
            "zh-hans": "Abib 阿彼芙 鱼腥草舒缓软糖面膜 10片",
            "ko": "아비브 껌딱지 시트 마스크 어성초 스티커 10매",
            "ja": "アビブ ガムシートマスク ドクダミステッカー 10枚入",
            "ru": "Тканевая маска Abib Gummy Heartleaf с хауттюйнией, 10 шт.",
            "en": "Abib Gummy Sheet Mask Heartleaf Sticker, 10 pcs",
        },
        "description": {
            "zh-hans": "鱼腥草提取物舒缓敏感泛红，果冻般厚实的膜布像贴纸一样牢牢贴合，敷着也能自由活动。敷20分钟后揭下，将剩余精华轻拍吸收。",
            "ko": "어성초 추출물이 붉어진 민감 피부를 진정시키고, 쫀쫀한 젤리 같은 시트가 스티커처럼 착 붙어 움직여도 떨어지지 않아요. "
            "20분 후 떼어 내고 남은 에센스를 흡수시켜 주세요.",
            "ja": "ドクダミエキスが赤みの出やすい敏感肌を鎮静。ガムのようにもっちりしたシートがステッカーのように密着し、"
            "つけたまま動いてもずれません。20分後にはがし、残った美容液をなじませてください。",
            "ru": "Экстракт хауттюйнии успокаивает чувствительную покрасневшую кожу, а плотная «жевательная» основа держится "
            "как наклейка, даже если вы двигаетесь. Через 20 минут снимите маску и вбейте остатки эссенции.",
            "en": "Heartleaf extract soothes sensitive, reddened skin, while the chewy, gel-like sheet clings like a "
            "sticker so you can move around while wearing it. Remove after 20 minutes and pat in the remaining essence.",
        },
    },
    {
        "sku": "KR-BEA-005",
        "category": "face-masks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Papa Recipe",
        "customs_name": "春雨蜂蜜补水面膜",
        "hs_code": "3304990099",
        "barcode": "8809460800241",
        "price": "99.00",
        "stock": 260,
        "net_content": "10 × 25 g",
        "color": "#F6C453",
        "title": {
            "zh-hans": "Papa Recipe 春雨 蜂蜜补水保湿面膜 10片",
            "ko": "파파레서피 봄비 꿀 마스크팩 10매",
            "ja": "パパレシピ ボンビー ハニーマスク 10枚入",
            "ru": "Тканевая маска Papa Recipe Bombee с мёдом, 10 шт.",
            "en": "Papa Recipe Bombee Honey Sheet Mask, 10 pcs",
        },
        "description": {
            "zh-hans": "蜂蜜与蜂胶成分滋润干燥粗糙的肌肤，配方温和，敏感肌也适用。放入冰箱冷藏后再敷，更添清凉舒适感。",
            "ko": "꿀과 프로폴리스 성분이 거칠고 건조한 피부에 영양과 보습을 채워 줍니다. "
            "순한 포뮬러로 민감한 피부도 부담 없이 사용할 수 있으며, 냉장 보관 후 사용하면 더욱 시원해요.",
            "ja": "ハチミツとプロポリス成分が、乾燥でごわついた肌にうるおいと栄養を与えます。"
            "低刺激処方で敏感肌にも。冷蔵庫で冷やして使うとひんやり気持ちいいです。",
            "ru": "Мёд и прополис питают и увлажняют сухую, шелушащуюся кожу. Мягкая формула подходит даже для "
            "чувствительной кожи, а охлаждённая в холодильнике маска дарит приятную свежесть.",
            "en": "Honey and propolis nourish rough, dehydrated skin with a gentle formula suitable for sensitive types. "
            "Chill it in the fridge first for an extra-refreshing treat.",
        },
    },
    {
        "sku": "KR-BEA-006",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "incheon-direct",
        "origin": "133",
        "brand": "Sulwhasoo",
        "customs_name": "雪花秀润燥精华液",
        "hs_code": "3304990099",
        "barcode": "8806783004516",
        "price": "1180.00",
        "stock": 40,
        "net_content": "90 ml",
        "color": "#C9A45C",
        "title": {
            "zh-hans": "雪花秀 润燥养肤精华 第六代 90毫升",
            "ko": "설화수 윤조에센스 90ml",
            "ja": "雪花秀（ソルファス）潤燥エッセンス 90ml",
            "ru": "Сыворотка-активатор Sulwhasoo First Care Activating Serum, 90 мл",
            "en": "Sulwhasoo First Care Activating Serum, 90 ml",
        },
        "description": {
            "zh-hans": "以人参、芍药等韩方草本精粹打造的“第一步”精华，洁面后首先使用，可提升后续护肤品的吸收。质地轻盈，带有淡淡草本香。",
            "ko": "인삼과 작약 등 한방 성분을 담은 ‘첫 단계’ 에센스로, 세안 직후 가장 먼저 발라 다음 단계 스킨케어의 흡수를 돕습니다. "
            "가벼운 제형에 은은한 한방 향이 특징이에요.",
            "ja": "高麗人参や芍薬などの韓方成分を配合した「最初の一滴」美容液。洗顔後すぐに使うことで、その後のスキンケアのなじみを高めます。"
            "軽いテクスチャーとほのかな韓方の香りが特長です。",
            "ru": "Сыворотка «первого шага» с женьшенем, пионом и другими травами корейской медицины. Наносится сразу после "
            "умывания и улучшает впитывание последующего ухода; лёгкая текстура с тонким травяным ароматом.",
            "en": "A “first step” serum built on ginseng, peony and other Korean herbal extracts, applied straight after "
            "cleansing to help the rest of your routine absorb. Lightweight texture with a subtle herbal scent.",
        },
    },
    {
        "sku": "KR-BEA-007",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Laneige",
        "customs_name": "兰芝奶油肌保湿精华水",
        "hs_code": "3304990099",
        "barcode": "8806783112181",
        "price": "219.00",
        "stock": 150,
        "net_content": "170 ml",
        "color": "#E8EEF7",
        "title": {
            "zh-hans": "兰芝 奶油肌保湿精华水 170毫升",
            "ko": "라네즈 크림 스킨 토너 앤 모이스처라이저 170ml",
            "ja": "ラネージュ クリームスキン トナー＆モイスチャライザー 170ml",
            "ru": "Тонер-крем Laneige Cream Skin Toner & Moisturizer, 170 мл",
            "en": "Laneige Cream Skin Toner & Moisturizer, 170 ml",
        },
        "description": {
            "zh-hans": "将乳霜的滋润融入化妆水中，一步完成补水与保湿，白茶叶提取物帮助维护肌肤屏障。干燥的日子可以叠涂两到三层。",
            "ko": "크림 한 통의 보습력을 토너에 담아 한 번에 수분과 보습을 채워 줍니다. "
            "화이트 티 잎 추출물이 피부 장벽을 건강하게 지켜 주며, 건조한 날에는 여러 번 레이어링해 보세요.",
            "ja": "クリームのうるおいを化粧水に溶け込ませ、1本で保湿まで完了。ホワイトティー葉エキスが肌のバリア機能をサポートします。"
            "乾燥が気になる日は重ねづけがおすすめ。",
            "ru": "Тонер с питательностью крема увлажняет и смягчает кожу за один шаг, а экстракт белого чая поддерживает "
            "её защитный барьер. В сухую погоду наносите в несколько слоёв.",
            "en": "A toner with the richness of a cream that hydrates and moisturises in a single step, with white tea "
            "leaf extract to support the skin barrier. Layer it two or three times on dry days.",
        },
    },
    {
        "sku": "KR-BEA-008",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "incheon-direct",
        "origin": "133",
        "brand": "COSRX",
        "customs_name": "珂丝艾丝蜗牛修护精华液",
        "hs_code": "3304990099",
        "barcode": "8809041460383",
        "price": "139.00",
        "stock": 120,
        "net_content": "100 ml",
        "color": "#D9D4CC",
        "title": {
            "zh-hans": "COSRX 珂丝艾丝 96%蜗牛黏液修护精华 100毫升",
            "ko": "코스알엑스 어드밴스드 스네일 96 뮤신 파워 에센스 100ml",
            "ja": "COSRX アドバンスド スネイル96 ムチン パワーエッセンス 100ml",
            "ru": "Эссенция COSRX Advanced Snail 96 Mucin Power с муцином улитки, 100 мл",
            "en": "COSRX Advanced Snail 96 Mucin Power Essence, 100 ml",
        },
        "description": {
            "zh-hans": "含96%蜗牛分泌物滤液，质地微黏而吸收快，帮助修护干燥、受损的肌肤。爽肤水后取2–3泵，轻拍全脸至吸收。",
            "ko": "달팽이 분비물 여과물 96%를 함유해 건조하고 지친 피부 회복을 돕습니다. "
            "쫀득하지만 빠르게 흡수되며, 토너 다음 단계에서 2~3번 펌핑해 얼굴 전체에 두드려 주세요.",
            "ja": "カタツムリ分泌物ろ過物を96%配合し、乾燥やダメージでゆらいだ肌をいたわります。"
            "とろみがありながら素早くなじむテクスチャーで、化粧水の後に2〜3プッシュを顔全体に。",
            "ru": "Эссенция содержит 96% фильтрата муцина улитки и помогает восстановить сухую, уставшую кожу. "
            "Тягучая текстура быстро впитывается: 2–3 нажатия после тонера, распределите похлопывающими движениями.",
            "en": "With 96% snail secretion filtrate, this essence helps repair dry, stressed skin. Slightly stretchy "
            "yet quick to absorb — pat 2–3 pumps over the face after toner.",
        },
    },
    {
        "sku": "KR-BEA-009",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Innisfree",
        "customs_name": "悦诗风吟绿茶籽精华液",
        "hs_code": "3304990099",
        "barcode": "8806783207764",
        "price": "189.00",
        "stock": 140,
        "net_content": "80 ml",
        "color": "#5E9E6E",
        "title": {
            "zh-hans": "悦诗风吟 绿茶籽精萃水分精华 80毫升",
            "ko": "이니스프리 그린티 씨드 세럼 80ml",
            "ja": "イニスフリー グリーンティーシード セラム 80ml",
            "ru": "Сыворотка Innisfree Green Tea Seed с зелёным чаем, 80 мл",
            "en": "Innisfree Green Tea Seed Serum, 80 ml",
        },
        "description": {
            "zh-hans": "采用济州岛有机绿茶与绿茶籽油，为肌肤持续补水。清爽不黏腻，适合早晚作为精华使用。",
            "ko": "제주 유기농 녹차와 녹차 씨드 오일이 피부 속까지 촉촉하게 수분을 채워 줍니다. "
            "끈적임 없이 산뜻해 아침저녁 세럼으로 사용하기 좋아요.",
            "ja": "済州島産のオーガニック緑茶とグリーンティーシードオイルが、肌にたっぷりうるおいを届けます。"
            "べたつかずさっぱりとした使い心地で、朝晩の美容液に。",
            "ru": "Органический зелёный чай с острова Чеджу и масло его семян надолго увлажняют кожу. "
            "Лёгкая, нелипкая текстура подходит для утреннего и вечернего ухода.",
            "en": "Organic green tea from Jeju Island and green tea seed oil deliver lasting hydration. Fresh and "
            "non-sticky, perfect as a morning and evening serum.",
        },
    },
    {
        "sku": "KR-BEA-010",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "incheon-direct",
        "origin": "133",
        "brand": "The History of Whoo",
        "customs_name": "后拱辰享水妍平衡水",
        "hs_code": "3304990099",
        "barcode": "8806644210353",
        "price": "498.00",
        "stock": 60,
        "net_content": "150 ml",
        "color": "#7FB3C8",
        "title": {
            "zh-hans": "Whoo后 拱辰享水妍 平衡柔肤水 150毫升",
            "ko": "더후 공진향 수 수연 밸런서 150ml",
            "ja": "后（フー）拱辰享 水 水妍バランサー 150ml",
            "ru": "Тонер The History of Whoo Gongjinhyang Soo Yeon Balancer, 150 мл",
            "en": "The History of Whoo Gongjinhyang Soo Yeon Balancer, 150 ml",
        },
        "description": {
            "zh-hans": "灵感源自韩国宫廷护肤秘方的保湿柔肤水，为肌肤补充水分，令后续精华更易吸收。质地清润，适合干性及混合性肌肤。",
            "ko": "궁중 비방에서 영감을 받은 보습 밸런서로 피부에 수분을 채우고 다음 단계 제품의 흡수를 높여 줍니다. "
            "촉촉하고 가벼운 제형으로 건성·복합성 피부에 잘 맞아요.",
            "ja": "韓国宮廷の美容秘方に着想を得た保湿化粧水で、肌にたっぷりと水分を与え、次に使う美容液のなじみを高めます。"
            "みずみずしい使用感で乾燥肌・混合肌に。",
            "ru": "Увлажняющий тонер по мотивам рецептов корейского королевского двора насыщает кожу влагой и готовит её "
            "к сыворотке. Лёгкая текстура подходит для сухой и комбинированной кожи.",
            "en": "A hydrating balancer inspired by Korean royal court beauty recipes that drenches skin with moisture "
            "and preps it for serum. Light and dewy, well suited to dry and combination skin.",
        },
    },
    {
        "sku": "KR-BEA-011",
        "category": "sun-care",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Beauty of Joseon",
        "customs_name": "朝鲜美女大米益生菌防晒霜",
        "hs_code": "3304990099",
        "barcode": "8809738800195",
        "price": "89.00",
        "stock": 300,
        "net_content": "50 ml",
        "color": "#F3E9D2",
        "title": {
            "zh-hans": "朝鲜美女 大米益生菌清爽防晒霜 SPF50+ PA++++ 50毫升",
            "ko": "조선미녀 맑은쌀 선크림 SPF50+ PA++++ 50ml",
            "ja": "朝鮮美女 リリーフサン ライス＋プロバイオティクス SPF50+ PA++++ 50ml",
            "ru": "Солнцезащитный крем Beauty of Joseon Relief Sun с рисом и пробиотиками SPF50+, 50 мл",
            "en": "Beauty of Joseon Relief Sun: Rice + Probiotics SPF50+ PA++++, 50 ml",
        },
        "description": {
            "zh-hans": "含30%米提取物，质地如面霜般轻薄，不泛白、不油腻，可作妆前打底。出门前15分钟涂抹，户外每2小时补涂一次。",
            "ko": "쌀 추출물 30%를 담은 선크림으로 크림처럼 가볍게 발리고 백탁과 번들거림이 없어 메이크업 베이스로도 좋아요. "
            "외출 15분 전에 바르고 야외에서는 2시간마다 덧발라 주세요.",
            "ja": "米エキス30%配合の日焼け止め。クリームのように軽く伸び、白浮きやテカリがないので化粧下地としても使えます。"
            "外出15分前に塗り、屋外では2時間ごとに塗り直してください。",
            "ru": "Крем с 30% экстракта риса ложится легко, как обычный увлажняющий крем, не оставляет белых следов и жирного "
            "блеска — подходит под макияж. Наносите за 15 минут до выхода и обновляйте каждые 2 часа на улице.",
            "en": "A sunscreen with 30% rice extract that spreads like a light moisturiser, with no white cast or greasy "
            "shine — it works well under make-up. Apply 15 minutes before going out and reapply every two hours outdoors.",
        },
    },
    {
        "sku": "KR-BEA-012",
        "category": "sun-care",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Round Lab",
        "customs_name": "柔恩莱桦树汁保湿防晒霜",
        "hs_code": "3304990099",
        "barcode": "8809666711433",
        "price": "109.00",
        "stock": 210,
        "net_content": "50 ml",
        "color": "#CFE8E4",
        "title": {
            "zh-hans": "Round Lab 柔恩莱 桦树汁保湿防晒霜 SPF45 PA++++ 50毫升",
            "ko": "라운드랩 자작나무 수분 선크림 SPF45 PA++++ 50ml",
            "ja": "ラウンドラボ 白樺 水分日焼け止めクリーム SPF45 PA++++ 50ml",
            "ru": "Увлажняющий солнцезащитный крем Round Lab с берёзовым соком SPF45, 50 мл",
            "en": "Round Lab Birch Juice Moisturizing Sun Cream SPF45 PA++++, 50 ml",
        },
        "description": {
            "zh-hans": "添加桦树汁，一边防晒一边为肌肤补水，适合干性肌肤日常通勤使用。质地水润，涂抹后肌肤柔亮不紧绷。",
            "ko": "자작나무 수액을 담아 자외선 차단과 동시에 촉촉한 보습을 더해 건성 피부의 데일리 선크림으로 좋아요. "
            "바른 후에도 당기지 않고 은은한 윤기가 남습니다.",
            "ja": "白樺樹液を配合し、紫外線をカットしながら肌にうるおいを与える、乾燥肌の毎日使いにぴったりの日焼け止め。"
            "塗った後もつっぱらず、ほどよいツヤが続きます。",
            "ru": "Берёзовый сок в составе увлажняет кожу одновременно с защитой от солнца — отличный ежедневный крем для "
            "сухой кожи. После нанесения нет чувства стянутости, остаётся лёгкое сияние.",
            "en": "Birch sap in the formula hydrates while it protects, making it a great everyday sunscreen for dry skin. "
            "Leaves a soft glow with no tight feeling.",
        },
    },
    {
        "sku": "KR-BEA-013",
        "category": "sun-care",
        "merchant": "hanbit",
        "warehouse": "hunchun-bonded",
        "origin": "133",
        "brand": "Missha",
        "customs_name": "谜尚精华防晒霜",
        "hs_code": "3304990099",
        "barcode": "8806784102334",
        "price": "79.00",
        "stock": 280,
        "net_content": "50 ml",
        "color": "#F7D046",
        "title": {
            "zh-hans": "谜尚 全效精华防晒霜 SPF45 PA+++ 50毫升",
            "ko": "미샤 올 어라운드 세이프 블록 에센스 선 SPF45 PA+++ 50ml",
            "ja": "ミシャ オールアラウンド セーフブロック エッセンスサン SPF45 PA+++ 50ml",
            "ru": "Солнцезащитная эссенция Missha All Around Safe Block Essence Sun SPF45, 50 мл",
            "en": "Missha All Around Safe Block Essence Sun SPF45 PA+++, 50 ml",
        },
        "description": {
            "zh-hans": "精华般的水润质地，轻轻一抹即可推开，适合全家日常防晒。出汗后也不易斑驳，运动和户外出行都能放心使用。",
            "ko": "에센스처럼 촉촉한 제형이 가볍게 펴 발려 온 가족 데일리 선크림으로 좋아요. "
            "땀에도 쉽게 얼룩지지 않아 운동이나 야외 활동 시에도 안심하고 사용할 수 있습니다.",
            "ja": "美容液のようにみずみずしいテクスチャーがすっと伸び、家族みんなの毎日の紫外線対策に。"
            "汗をかいてもムラになりにくく、スポーツやアウトドアにも。",
            "ru": "Текстура, похожая на эссенцию, легко распределяется — подходит для ежедневной защиты всей семьи. "
            "Не растекается от пота, так что её удобно брать на спорт и прогулки.",
            "en": "A watery, essence-like texture that glides on easily — an everyday sunscreen for the whole family. "
            "It stays even when you sweat, so it is good for sports and days outdoors.",
        },
    },
    {
        "sku": "KR-FOD-001",
        "category": "instant-food",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Nongshim",
        "customs_name": "农心辛拉面",
        "hs_code": "1902301000",
        "barcode": "8801043000154",
        "price": "39.90",
        "stock": 500,
        "net_content": "5 × 120 g",
        "color": "#D7282F",
        "title": {
            "zh-hans": "农心 辛拉面 香辣牛肉汤味 120克×5包",
            "ko": "농심 신라면 120g×5봉",
            "ja": "農心 辛ラーメン 120g×5袋",
            "ru": "Лапша быстрого приготовления Nongshim Shin Ramyun острая, 5 × 120 г",
            "en": "Nongshim Shin Ramyun Spicy Noodle Soup, 5 × 120 g",
        },
        "description": {
            "zh-hans": "韩国国民级辣味方便面，牛骨汤底搭配香菇与辣椒，面条劲道有嚼劲。550毫升水烧开后下面和调料煮4分30秒，可加入鸡蛋或葱花。",
            "ko": "얼큰한 소고기 국물에 표고버섯과 고추의 맛이 어우러진 한국 대표 라면입니다. "
            "물 550ml가 끓으면 면과 스프를 넣고 4분 30초간 끓이고, 달걀이나 파를 곁들이면 더 맛있어요.",
            "ja": "牛骨スープにシイタケと唐辛子の辛さが効いた、韓国を代表するラーメン。"
            "沸騰したお湯550mlで4分30秒煮込み、卵やネギを加えるのもおすすめです。",
            "ru": "Самая популярная острая лапша Кореи: говяжий бульон с грибами шиитаке и жгучим перцем, упругая лапша. "
            "Варите 4 минуты 30 секунд в 550 мл кипятка, можно добавить яйцо и зелёный лук.",
            "en": "Korea's best-loved spicy ramyun: a hearty beef broth with shiitake and red chilli, plus chewy noodles. "
            "Boil in 550 ml of water for 4½ minutes and add an egg or spring onion if you like.",
        },
    },
    {
        "sku": "KR-FOD-002",
        "category": "instant-food",
        "merchant": "hanbit",
        "warehouse": "hunchun-bonded",
        "origin": "133",
        "brand": "Samyang",
        "customs_name": "三养火鸡面",
        "hs_code": "1902301000",
        "barcode": "8801073910164",
        "price": "45.90",
        "stock": 460,
        "net_content": "5 × 140 g",
        "color": "#1F1F1F",
        "title": {
            "zh-hans": "三养 火鸡面 超辣鸡肉味炒面 140克×5包",
            "ko": "삼양 불닭볶음면 140g×5봉",
            "ja": "三養 ブルダック炒め麺 140g×5袋",
            "ru": "Острая лапша Samyang Buldak со вкусом курицы, 5 × 140 г",
            "en": "Samyang Buldak Hot Chicken Flavour Ramen, 5 × 140 g",
        },
        "description": {
            "zh-hans": "火遍全网的超辣干拌面，甜辣鸡肉酱汁裹满粗面条。煮5分钟后倒掉多余的水，只留约8勺，再拌入酱料和海苔碎即可。",
            "ko": "매운맛 마니아를 위한 볶음면으로, 달콤하면서도 화끈한 닭고기 소스가 두꺼운 면에 듬뿍 배어듭니다. "
            "5분 삶은 뒤 물을 8스푼 정도만 남기고 버린 다음 액상 스프와 후레이크를 넣어 비벼 드세요.",
            "ja": "辛いもの好きのための汁なし炒め麺。甘辛いチキンソースが太麺にしっかり絡みます。"
            "5分ゆでたらお湯をスプーン8杯分ほど残して捨て、ソースとかやくを混ぜてどうぞ。",
            "ru": "Знаменитая обжигающе острая лапша без бульона: сладко-пикантный куриный соус обволакивает толстую лапшу. "
            "Варите 5 минут, слейте воду, оставив 8 ложек, и перемешайте с соусом и хлопьями.",
            "en": "The famously fiery stir-fried noodles: a sweet-and-hot chicken sauce coats thick, chewy noodles. Boil "
            "for five minutes, drain leaving about eight spoonfuls of water, then mix in the sauce and flakes.",
        },
    },
    {
        "sku": "KR-FOD-003",
        "category": "instant-food",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Ottogi",
        "customs_name": "不倒翁金拉面",
        "hs_code": "1902301000",
        "barcode": "8801045021065",
        "price": "36.90",
        "stock": 380,
        "net_content": "5 × 120 g",
        "color": "#F2B705",
        "title": {
            "zh-hans": "不倒翁 金拉面 微辣味 120克×5包",
            "ko": "오뚜기 진라면 순한맛 120g×5봉",
            "ja": "オットギ ジンラーメン マイルド 120g×5袋",
            "ru": "Лапша Ottogi Jin Ramen неострая, 5 × 120 г",
            "en": "Ottogi Jin Ramen Mild, 5 × 120 g",
        },
        "description": {
            "zh-hans": "浓郁牛骨汤底配以温和辣味，老人小孩都能接受。面条筋道，煮4分钟即可，还可加入年糕或芝士做成部队锅。",
            "ko": "진한 사골 국물에 부드러운 매운맛으로 아이부터 어른까지 부담 없이 즐길 수 있어요. "
            "4분이면 완성되며 떡이나 치즈를 넣어 부대찌개처럼 즐겨도 좋습니다.",
            "ja": "コクのある牛骨スープにほどよい辛さで、子どもから大人まで食べやすい味。"
            "4分で出来上がり、トッポッキやチーズを加えてプデチゲ風にするのもおすすめ。",
            "ru": "Насыщенный говяжий бульон с мягкой остротой, который понравится и детям, и взрослым. Готовится за "
            "4 минуты; добавьте рисовые клёцки или сыр, чтобы получилось подобие пудэ-ччигэ.",
            "en": "A rich beef-bone broth with gentle heat that kids and grown-ups can both enjoy. Ready in four minutes — "
            "add rice cakes or a slice of cheese for a budae-jjigae twist.",
        },
    },
    {
        "sku": "KR-FOD-004",
        "category": "instant-food",
        "merchant": "hanbit",
        "warehouse": "hunchun-bonded",
        "origin": "133",
        "brand": "Yopokki",
        "customs_name": "甜辣味速食炒年糕",
        "hs_code": "1904900000",
        "barcode": "8809567800120",
        "price": "35.90",
        "stock": 220,
        "net_content": "3 × 140 g",
        "color": "#E94E3D",
        "title": {
            "zh-hans": "Yopokki 甜辣味速食炒年糕 杯装 140克×3杯",
            "ko": "요뽀끼 달콤매콤 즉석 떡볶이 컵 140g×3개",
            "ja": "ヨッポッキ 甘辛トッポッキ カップ 140g×3個",
            "ru": "Токпокки Yopokki сладко-острые в стаканчике, 3 × 140 г",
            "en": "Yopokki Sweet & Spicy Instant Tteokbokki Cup, 3 × 140 g",
        },
        "description": {
            "zh-hans": "软糯Q弹的韩国米年糕配甜辣酱，注入热水或微波加热2分钟即可享用。在宿舍、办公室也能轻松吃到韩国街头小吃的味道。",
            "ko": "쫄깃한 쌀떡에 달콤매콤한 소스를 더한 즉석 떡볶이예요. "
            "끓는 물을 붓거나 전자레인지에 2분 돌리면 기숙사나 사무실에서도 길거리 떡볶이 맛을 즐길 수 있어요.",
            "ja": "もちもちのお米のトッポッキに甘辛ソースを合わせたインスタント。"
            "お湯を注ぐか電子レンジで2分加熱するだけで、韓国の屋台の味が楽しめます。",
            "ru": "Упругие рисовые клёцки в сладко-остром соусе: залейте кипятком или разогрейте в микроволновке 2 минуты. "
            "Вкус корейской уличной еды — хоть в офисе, хоть в общежитии.",
            "en": "Chewy rice cakes in a sweet and spicy sauce — just add hot water or microwave for two minutes. "
            "Korean street food flavour in the office or dorm.",
        },
    },
    {
        "sku": "KR-FOD-005",
        "category": "snacks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Dongwon Yangban",
        "customs_name": "东远两班紫苏油调味海苔",
        "hs_code": "2008999000",
        "barcode": "8801047120902",
        "price": "45.90",
        "stock": 330,
        "net_content": "16 × 5 g",
        "color": "#2E5E3A",
        "title": {
            "zh-hans": "东远 两班 紫苏油香脆调味海苔 5克×16包",
            "ko": "동원 양반 들기름김 5g×16봉",
            "ja": "東遠 ヤンバン エゴマ油味付け海苔 5g×16袋",
            "ru": "Жареные листы нори Dongwon Yangban с маслом периллы, 16 × 5 г",
            "en": "Dongwon Yangban Perilla Oil Seasoned Laver, 16 × 5 g",
        },
        "description": {
            "zh-hans": "用紫苏油与海盐烤制的薄脆海苔，香气浓郁，口感酥脆。可直接当零食，也可包着热米饭吃，小包装方便带饭。",
            "ko": "고소한 들기름과 소금으로 바삭하게 구운 김으로, 그대로 간식처럼 먹거나 따끈한 밥을 싸 먹기 좋아요. "
            "소포장이라 도시락이나 아이 간식으로도 편리합니다.",
            "ja": "香ばしいエゴマ油と塩でパリッと焼き上げた韓国海苔。そのままおつまみに、温かいご飯を包んでも美味しく、"
            "小分け包装でお弁当にも便利です。",
            "ru": "Тонкие листы водорослей, обжаренные с ароматным маслом периллы и солью, — хрустящие и ароматные. "
            "Ешьте как снек или заворачивайте в них горячий рис; маленькие пачки удобно брать с собой.",
            "en": "Thin sheets of laver roasted with nutty perilla oil and sea salt until crisp. Eat them as a snack or "
            "wrap them around hot rice; the small packs are handy for lunchboxes.",
        },
    },
    {
        "sku": "KR-FOD-006",
        "category": "snacks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Haitai",
        "customs_name": "海太蜂蜜黄油味薯片",
        "hs_code": "2005200000",
        "barcode": "8801019227417",
        "price": "35.00",
        "stock": 0,
        "net_content": "3 × 60 g",
        "color": "#F5D76E",
        "title": {
            "zh-hans": "海太 蜂蜜黄油薯片 60克×3袋",
            "ko": "해태 허니버터칩 60g×3봉",
            "ja": "ヘテ ハニーバターチップ 60g×3袋",
            "ru": "Чипсы Haitai Honey Butter с мёдом и маслом, 3 × 60 г",
            "en": "Haitai Honey Butter Chip, 3 × 60 g",
        },
        "description": {
            "zh-hans": "曾在韩国掀起抢购热潮的甜咸口味薯片，槐花蜜与法式发酵黄油的香气层次分明。薄切土豆片口感酥脆，开袋后建议尽快食用。",
            "ko": "한때 품귀 현상까지 일으킨 단짠 감자칩으로, 아카시아 꿀과 프랑스산 고메 버터의 풍미가 어우러집니다. "
            "얇게 썬 감자가 바삭하며, 개봉 후에는 빨리 드세요.",
            "ja": "韓国で品切れが続出した甘じょっぱいポテトチップス。アカシアハチミツとフランス産発酵バターの風味が重なり、"
            "薄切りのポテトがサクサクです。開封後はお早めに。",
            "ru": "Сладко-солёные чипсы, которые в Корее когда-то сметали с полок: аромат акациевого мёда и французского "
            "сливочного масла. Тонко нарезанный картофель очень хрустящий — после вскрытия лучше съесть сразу.",
            "en": "The sweet-and-salty potato chips that once sold out all over Korea, flavoured with acacia honey and "
            "French cultured butter. Thin-sliced and crunchy — best eaten soon after opening.",
        },
    },
    {
        "sku": "KR-DRK-001",
        "category": "tea-coffee",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Maxim",
        "customs_name": "麦馨摩卡金牌速溶咖啡",
        "hs_code": "2101120000",
        "barcode": "8801037002232",
        "price": "119.00",
        "stock": 200,
        "net_content": "100 × 12 g",
        "color": "#E3B23C",
        "title": {
            "zh-hans": "麦馨 摩卡金牌 三合一速溶咖啡 12克×100条",
            "ko": "맥심 모카골드 마일드 커피믹스 12g×100개",
            "ja": "マキシム モカゴールド マイルド コーヒーミックス 12g×100本",
            "ru": "Кофейный напиток Maxim Mocha Gold Mild 3 в 1, 100 × 12 г",
            "en": "Maxim Mocha Gold Mild Coffee Mix, 100 × 12 g",
        },
        "description": {
            "zh-hans": "韩国办公室必备的三合一速溶咖啡，咖啡、奶精与糖预先调好，口感香甜顺滑。每条加入约100毫升热水搅拌即可。",
            "ko": "한국 사무실의 필수품인 커피믹스로, 커피·프림·설탕이 황금 비율로 섞여 부드럽고 달콤해요. "
            "한 봉에 뜨거운 물 약 100ml를 부어 저어 드세요.",
            "ja": "韓国のオフィスに欠かせないコーヒーミックス。コーヒー・クリーム・砂糖が黄金比で配合され、まろやかで甘い味わいです。"
            "1本に熱湯約100mlを注いでかき混ぜるだけ。",
            "ru": "Кофе 3 в 1, без которого не обходится ни один корейский офис: кофе, сливки и сахар в идеальной пропорции. "
            "Залейте стик примерно 100 мл горячей воды и размешайте.",
            "en": "The coffee mix found in every Korean office, with coffee, creamer and sugar in a smooth, sweet balance. "
            "Stir one stick into about 100 ml of hot water.",
        },
    },
    {
        "sku": "KR-DRK-002",
        "category": "tea-coffee",
        "merchant": "hanbit",
        "warehouse": "hunchun-bonded",
        "origin": "133",
        "brand": "Nokchawon",
        "customs_name": "绿茶园蜂蜜柚子茶",
        "hs_code": "2007999000",
        "barcode": "8808331001503",
        "price": "59.00",
        "stock": 190,
        "net_content": "1 kg",
        "color": "#F9C80E",
        "title": {
            "zh-hans": "绿茶园 蜂蜜柚子茶 1千克",
            "ko": "녹차원 꿀유자차 1kg",
            "ja": "ノクチャウォン はちみつゆず茶 1kg",
            "ru": "Чай Nokchawon с юдзу и мёдом, 1 кг",
            "en": "Nokchawon Honey Citron Tea, 1 kg",
        },
        "description": {
            "zh-hans": "韩国高兴郡柚子连皮切丝，与蜂蜜一同腌制成果酱状茶饮。取2–3勺用温水冲调，夏天加冰更清爽，也可直接抹面包。",
            "ko": "고흥산 유자를 껍질째 채 썰어 꿀과 함께 절인 과육 가득 유자차입니다. "
            "2~3스푼을 따뜻한 물에 타서 마시고, 여름에는 얼음을 넣거나 빵에 발라 드셔도 좋아요.",
            "ja": "韓国・高興産のゆずを皮ごと細切りにし、はちみつに漬け込んだ果肉たっぷりのゆず茶。"
            "スプーン2〜3杯をお湯で溶いて温かく、夏は氷を入れて、パンに塗っても美味しいです。",
            "ru": "Цедра и мякоть корейского юдзу из Кохына, засахаренные с мёдом. Размешайте 2–3 ложки в тёплой воде, "
            "летом добавьте лёд — или намажьте на тост, как джем.",
            "en": "Goheung citron, sliced peel and all and steeped in honey into a marmalade-like tea base. Stir 2–3 "
            "spoonfuls into warm water, pour over ice in summer, or spread it on toast.",
        },
    },
    {
        "sku": "KR-DRK-003",
        "category": "spirits",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "133",
        "brand": "Jinro",
        "customs_name": "真露竹炭烧酒",
        "hs_code": "2208909000",
        "barcode": "8801000023615",
        "price": "99.00",
        "stock": 170,
        "net_content": "6 × 360 ml",
        "color": "#3FA34D",
        "title": {
            "zh-hans": "真露 竹炭清新烧酒 16.5% 360毫升×6瓶",
            "ko": "진로 참이슬 후레쉬 소주 16.5% 360ml×6병",
            "ja": "ジンロ チャミスル フレッシュ 焼酎 16.5% 360ml×6本",
            "ru": "Соджу Jinro Chamisul Fresh 16,5%, 6 × 360 мл",
            "en": "Jinro Chamisul Fresh Soju 16.5%, 6 × 360 ml",
        },
        "description": {
            "zh-hans": "经竹炭过滤四次的韩国烧酒，口感清爽干净。冰镇后搭配烤五花肉或炸鸡最为地道，也可与啤酒调成“烧啤”。",
            "ko": "대나무 숯으로 네 번 여과해 깔끔하고 부드러운 대한민국 대표 소주입니다. "
            "차갑게 해서 삼겹살이나 치킨과 곁들이거나 맥주와 섞어 소맥으로 즐겨 보세요.",
            "ja": "竹炭で4回ろ過した、すっきりとクリアな味わいの韓国焼酎。"
            "よく冷やしてサムギョプサルやチキンと一緒に、ビールで割る「ソメク」もおすすめです。",
            "ru": "Корейское соджу, четырежды отфильтрованное через бамбуковый уголь, — чистый и мягкий вкус. "
            "Подавайте охлаждённым к корейскому барбекю или жареной курице, а можно смешать с пивом.",
            "en": "Korea's signature soju, filtered four times through bamboo charcoal for a clean, smooth taste. Serve "
            "ice-cold with Korean barbecue or fried chicken, or mix with beer for somaek.",
        },
    },
    {
        "sku": "KR-HEA-001",
        "category": "ginseng",
        "merchant": "hanbit",
        "warehouse": "incheon-direct",
        "origin": "133",
        "brand": "CheongKwanJang",
        "customs_name": "正官庄高丽红参精",
        "hs_code": "2106909090",
        "barcode": "8809012210085",
        "price": "1580.00",
        "stock": 35,
        "net_content": "240 g",
        "color": "#8B1E1E",
        "title": {
            "zh-hans": "正官庄 6年根高丽红参精 240克",
            "ko": "정관장 홍삼정 240g",
            "ja": "正官庄 紅参精（紅参エキス）240g",
            "ru": "Экстракт красного женьшеня CheongKwanJang, 240 г",
            "en": "CheongKwanJang Korean Red Ginseng Extract, 240 g",
        },
        "description": {
            "zh-hans": "精选六年根高丽红参，经长时间熬煮浓缩成膏状。每日1–2次，每次用附带小勺取1勺，温水冲服或直接食用。",
            "ko": "6년근 홍삼을 오랜 시간 달여 진하게 농축한 홍삼정입니다. "
            "하루 1~2회, 동봉된 스푼으로 한 스푼씩 따뜻한 물에 타 드시거나 그대로 드세요.",
            "ja": "6年根の紅参をじっくり煮出して濃縮したペースト状エキス。"
            "1日1〜2回、付属のスプーン1杯をお湯に溶かすか、そのままお召し上がりください。",
            "ru": "Густой экстракт шестилетнего красного женьшеня, долго уваренный до состояния пасты. Принимайте 1–2 раза "
            "в день по одной мерной ложке, растворив в тёплой воде или в чистом виде.",
            "en": "Six-year-old Korean red ginseng, slowly simmered and concentrated into a thick paste. Take one scoop "
            "with the included spoon once or twice a day, straight or dissolved in warm water.",
        },
    },
    {
        "sku": "KR-HEA-002",
        "category": "ginseng",
        "merchant": "hanbit",
        "warehouse": "incheon-direct",
        "origin": "133",
        "brand": "CheongKwanJang",
        "customs_name": "正官庄红参精随身条",
        "hs_code": "2106909090",
        "barcode": "8809012213055",
        "price": "528.00",
        "stock": 80,
        "net_content": "30 × 10 ml",
        "color": "#A52A2A",
        "title": {
            "zh-hans": "正官庄 Everytime 红参精随身条 10毫升×30条",
            "ko": "정관장 홍삼정 에브리타임 10ml×30포",
            "ja": "正官庄 紅参精 エブリタイム 10ml×30包",
            "ru": "Экстракт красного женьшеня CheongKwanJang Everytime в стиках, 30 × 10 мл",
            "en": "CheongKwanJang Everytime Red Ginseng Extract Sticks, 30 × 10 ml",
        },
        "description": {
            "zh-hans": "将红参精做成独立小条，每日1条直接挤入口中，无需冲调。小巧便携，适合上班族和出差时随身携带。",
            "ko": "홍삼정을 한 포씩 간편하게 담아 물 없이 바로 짜서 먹을 수 있어요. "
            "하루 한 포, 바쁜 직장인이나 출장 시 휴대용으로 좋습니다.",
            "ja": "紅参エキスを1回分ずつスティックにした携帯タイプ。水なしでそのまま飲めるので、忙しい毎日や出張にも便利です。"
            "1日1包が目安です。",
            "ru": "Экстракт красного женьшеня в удобных порционных стиках: выдавите один стик в день прямо в рот, без воды. "
            "Удобно брать на работу и в поездки.",
            "en": "Red ginseng extract in single-serve sticks you squeeze straight into your mouth — no water needed. "
            "One a day; ideal for busy workdays and business trips.",
        },
    },
    # ------------------------------------------------------------------ Japan (116), merchants hanbit and taiga
    {
        "sku": "JP-FOD-001",
        "category": "snacks",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Glico",
        "customs_name": "格力高百奇巧克力味饼干棒",
        "hs_code": "1905310000",
        "barcode": "4901005021471",
        "price": "49.90",
        "stock": 420,
        "net_content": "5 × 72 g",
        "color": "#C8102E",
        "title": {
            "zh-hans": "格力高 Pocky百奇 巧克力味饼干棒 72克×5盒",
            "ko": "글리코 포키 초콜릿 72g×5갑",
            "ja": "グリコ ポッキー チョコレート 72g×5箱",
            "ru": "Палочки Glico Pocky в шоколаде, 5 × 72 г",
            "en": "Glico Pocky Chocolate Biscuit Sticks, 5 × 72 g",
        },
        "description": {
            "zh-hans": "日本原装百奇，香脆饼干棒外裹一层浓郁牛奶巧克力，末端留出手持部分不沾手。每盒分两小袋，方便分享。",
            "ko": "바삭한 프레첼 스틱에 진한 밀크 초콜릿을 입힌 일본 오리지널 포키입니다. "
            "손잡이 부분은 초콜릿이 없어 손에 묻지 않고, 한 갑에 두 봉지로 나뉘어 있어 나눠 먹기 좋아요.",
            "ja": "サクサクのプリッツにミルクチョコレートをコーティングした定番のポッキー。"
            "持ち手部分はチョコがないので手が汚れにくく、1箱2袋入りでシェアにも便利です。",
            "ru": "Хрустящие бисквитные палочки в молочном шоколаде — японская классика. Кончик без шоколада, чтобы не "
            "пачкать пальцы; в каждой коробке два пакетика, удобно делиться.",
            "en": "Crunchy biscuit sticks dipped in rich milk chocolate — the Japanese original. The uncoated end keeps "
            "fingers clean, and each box holds two bags for sharing.",
        },
    },
    {
        "sku": "JP-FOD-002",
        "category": "sweets",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Nestlé KitKat",
        "customs_name": "雀巢奇巧抹茶味威化巧克力",
        "hs_code": "1905320000",
        "barcode": "4902201112031",
        "price": "39.90",
        "stock": 360,
        "net_content": "12 pcs",
        "color": "#7BA05B",
        "title": {
            "zh-hans": "雀巢 KitKat奇巧 浓郁抹茶味威化 迷你装 12枚",
            "ko": "네슬레 킷캣 미니 진한 말차 12개입",
            "ja": "ネスレ キットカット ミニ オトナの甘さ 濃い抹茶 12枚",
            "ru": "Вафли KitKat Mini с чаем матча, 12 шт.",
            "en": "Nestlé KitKat Mini Rich Matcha, 12 pcs",
        },
        "description": {
            "zh-hans": "日本限定口味，使用京都宇治抹茶，茶香浓郁、甜度适中。独立小包装，冷藏后口感更脆。",
            "ko": "일본 한정 맛으로 교토 우지 말차를 사용해 쌉싸름한 차 향과 은은한 단맛이 조화를 이룹니다. "
            "개별 포장이며 냉장고에 넣어 두면 더욱 바삭해요.",
            "ja": "京都・宇治抹茶を使用し、ほろ苦い抹茶の香りと控えめな甘さが楽しめる大人のキットカット。"
            "個包装で、冷やして食べるとよりパリッとした食感に。",
            "ru": "Японский KitKat с чаем матча из Удзи: насыщенный травянистый аромат и умеренная сладость. "
            "Каждая вафля в отдельной упаковке; из холодильника — ещё хрустящее.",
            "en": "The Japan-only KitKat made with Uji matcha from Kyoto: grassy, slightly bitter tea with restrained "
            "sweetness. Individually wrapped — even crisper straight from the fridge.",
        },
    },
    {
        "sku": "JP-FOD-003",
        "category": "snacks",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Calbee",
        "customs_name": "卡乐比沙拉味薯条",
        "hs_code": "2005200000",
        "barcode": "4901330205515",
        "price": "45.00",
        "stock": 310,
        "net_content": "6 × 57 g",
        "color": "#F28C28",
        "title": {
            "zh-hans": "卡乐比 Jagarico 沙拉味薯条杯 57克×6杯",
            "ko": "가루비 자가리코 샐러드맛 57g×6컵",
            "ja": "カルビー じゃがりこ サラダ 57g×6個",
            "ru": "Картофельные палочки Calbee Jagarico «Салат», 6 × 57 г",
            "en": "Calbee Jagarico Salad Potato Sticks, 6 × 57 g",
        },
        "description": {
            "zh-hans": "土豆泥中加入胡萝卜、欧芹等蔬菜粒制成的硬脆薯条，咸香有嚼劲。杯装设计方便单手拿取，是追剧好搭档。",
            "ko": "감자에 당근과 파슬리 등 채소를 섞어 만든 단단하고 바삭한 스틱 과자예요. "
            "컵 모양이라 한 손으로 집어 먹기 편해 드라마 볼 때 딱 좋습니다.",
            "ja": "じゃがいもにニンジンやパセリを練り込んだ、カリッと固めの食感が楽しいスティックスナック。"
            "カップ入りで片手でつまみやすく、おやつやおつまみにぴったり。",
            "ru": "Хрустящие палочки из картофеля с морковью и петрушкой — плотные и очень аппетитные. "
            "Стаканчик удобно держать одной рукой во время просмотра сериала.",
            "en": "Crunchy potato sticks made with carrot and parsley — dense, savoury and moreish. The cup is easy to "
            "hold in one hand while binge-watching.",
        },
    },
    {
        "sku": "JP-FOD-004",
        "category": "groceries",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Calbee",
        "customs_name": "卡乐比富果乐水果燕麦片",
        "hs_code": "1904200000",
        "barcode": "4901330573812",
        "price": "79.00",
        "stock": 270,
        "net_content": "750 g",
        "color": "#E4572E",
        "title": {
            "zh-hans": "卡乐比 富果乐 水果燕麦片 750克",
            "ko": "가루비 후루구라 과일 그래놀라 750g",
            "ja": "カルビー フルグラ 750g",
            "ru": "Гранола Calbee Frugra с фруктами, 750 г",
            "en": "Calbee Frugra Fruit Granola, 750 g",
        },
        "description": {
            "zh-hans": "烘烤燕麦、黑麦与椰子片中加入木瓜、苹果、草莓等果干，香脆而不甜腻。每次约50克搭配牛奶或酸奶，是快手早餐的好选择。",
            "ko": "구운 오트밀과 호밀, 코코넛에 파파야·사과·딸기 등 말린 과일을 듬뿍 넣은 그래놀라예요. "
            "한 번에 50g 정도를 우유나 요거트와 함께 드시면 간편한 아침 식사가 됩니다.",
            "ja": "焼き上げたオーツ麦やライ麦、ココナッツにパパイヤ・りんご・いちごなどのドライフルーツを合わせたグラノーラ。"
            "1食50gを牛乳やヨーグルトと一緒に、手軽な朝ごはんに。",
            "ru": "Запечённые овсяные и ржаные хлопья с кокосом и сушёными папайей, яблоком и клубникой. "
            "Около 50 г с молоком или йогуртом — быстрый и сытный завтрак.",
            "en": "Baked oats, rye and coconut with dried papaya, apple and strawberry. About 50 g with milk or yoghurt "
            "makes a quick breakfast.",
        },
    },
    {
        "sku": "JP-FOD-005",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Ishiya",
        "customs_name": "石屋白色恋人夹心饼干",
        "hs_code": "1905310000",
        "barcode": "4960661000244",
        "price": "189.00",
        "stock": 110,
        "net_content": "24 pcs",
        "color": "#9BC4E2",
        "title": {
            "zh-hans": "石屋制果 白色恋人 白巧克力夹心饼干 24枚",
            "ko": "이시야 시로이 코이비토 화이트 24개입",
            "ja": "石屋製菓 白い恋人 ホワイト 24枚入",
            "ru": "Печенье Ishiya Shiroi Koibito с белым шоколадом, 24 шт.",
            "en": "Ishiya Shiroi Koibito White Chocolate Cookies, 24 pcs",
        },
        "description": {
            "zh-hans": "北海道札幌的经典伴手礼，两片黄油猫舌饼干夹入白巧克力，入口即化。精美礼盒装，适合送亲友。",
            "ko": "홋카이도 삿포로를 대표하는 선물용 과자로, 버터 향 가득한 랑그드샤 사이에 화이트 초콜릿을 샌드했어요. "
            "고급스러운 상자에 담겨 있어 선물용으로 좋습니다.",
            "ja": "北海道・札幌を代表する銘菓。バターの香るラングドシャでホワイトチョコレートをサンドし、口の中でとろけます。"
            "贈り物にもぴったりの化粧箱入り。",
            "ru": "Знаменитый сувенир из Саппоро на Хоккайдо: тонкое сливочное печенье «лангдоша» с прослойкой белого "
            "шоколада. Красивая подарочная коробка.",
            "en": "Sapporo's most famous souvenir: buttery langue-de-chat biscuits sandwiching white chocolate. Comes in "
            "an elegant gift box.",
        },
    },
    {
        "sku": "JP-FOD-006",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Meiji",
        "customs_name": "明治72%可可黑巧克力",
        "hs_code": "1806320000",
        "barcode": "4902777051628",
        "price": "59.90",
        "stock": 240,
        "net_content": "225 g",
        "color": "#4B2E1E",
        "title": {
            "zh-hans": "明治 Chocolate Effect 72%可可黑巧克力 225克",
            "ko": "메이지 초콜릿 효과 카카오 72% 225g",
            "ja": "明治 チョコレート効果 カカオ72% 225g",
            "ru": "Горький шоколад Meiji Chocolate Effect 72% какао, 225 г",
            "en": "Meiji Chocolate Effect 72% Cacao Dark Chocolate, 225 g",
        },
        "description": {
            "zh-hans": "可可含量72%，富含可可多酚，微苦回甘。独立小块包装，每天吃几块也方便控制分量。",
            "ko": "카카오 함량 72%로 카카오 폴리페놀이 풍부하며, 쌉싸름하면서도 깔끔한 뒷맛이 특징이에요. "
            "한 조각씩 개별 포장되어 있어 하루 적당량만 즐기기 좋습니다.",
            "ja": "カカオ72%でカカオポリフェノールたっぷり、ほろ苦くすっきりとした後味。"
            "1枚ずつの個包装で、毎日少しずつ食べるのに便利です。",
            "ru": "Шоколад с 72% какао, богатый какао-полифенолами: приятная горечь и чистое послевкусие. "
            "Каждая плиточка в индивидуальной упаковке — удобно съедать по чуть-чуть каждый день.",
            "en": "72% cacao dark chocolate rich in cacao polyphenols, with gentle bitterness and a clean finish. "
            "Individually wrapped squares make it easy to enjoy a little each day.",
        },
    },
    {
        "sku": "JP-DRK-001",
        "category": "tea-coffee",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Ito En",
        "customs_name": "伊藤园抹茶入绿茶袋泡茶",
        "hs_code": "0902101000",
        "barcode": "4901085100110",
        "price": "45.00",
        "stock": 230,
        "net_content": "50 × 1.8 g",
        "color": "#2F7D32",
        "title": {
            "zh-hans": "伊藤园 Oi Ocha 抹茶入绿茶茶包 1.8克×50袋",
            "ko": "이토엔 오이오차 말차 녹차 티백 1.8g×50개",
            "ja": "伊藤園 お～いお茶 抹茶入り緑茶 ティーバッグ 1.8g×50袋",
            "ru": "Зелёный чай Ito En Oi Ocha с матча в пакетиках, 50 × 1,8 г",
            "en": "Ito En Oi Ocha Green Tea with Matcha, 50 tea bags",
        },
        "description": {
            "zh-hans": "日本煎茶中拌入抹茶，冲泡后茶汤翠绿、鲜爽回甘。热水冲泡约1分钟即可，也可用冷水冷泡数小时。",
            "ko": "일본산 센차에 말차를 더해 찻물이 선명한 초록빛을 띠고 향긋한 감칠맛이 나요. "
            "뜨거운 물에 1분 우리거나 찬물에 몇 시간 냉침해 드셔도 좋습니다.",
            "ja": "国産茶葉の煎茶に抹茶をブレンドし、鮮やかな緑色とうまみのある味わいに。"
            "熱湯で約1分、水出しなら冷蔵庫で数時間置くだけです。",
            "ru": "Японский сенча с добавлением матча даёт ярко-зелёный настой с мягкой сладостью. "
            "Заваривайте горячей водой 1 минуту или настаивайте в холодной воде несколько часов.",
            "en": "Japanese sencha blended with matcha for a vivid green cup with sweet umami. Steep in hot water for "
            "one minute, or cold-brew in the fridge for a few hours.",
        },
    },
    {
        "sku": "JP-DRK-002",
        "category": "tea-coffee",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "AGF Blendy",
        "customs_name": "布兰迪速溶欧蕾咖啡",
        "hs_code": "2101120000",
        "barcode": "4901111300156",
        "price": "49.90",
        "stock": 250,
        "net_content": "27 × 10 g",
        "color": "#B5835A",
        "title": {
            "zh-hans": "AGF Blendy 布兰迪 速溶欧蕾咖啡 27条",
            "ko": "AGF 블렌디 스틱 카페오레 27개입",
            "ja": "AGF ブレンディ スティック カフェオレ 27本",
            "ru": "Кофейный напиток AGF Blendy Café au Lait в стиках, 27 шт.",
            "en": "AGF Blendy Stick Café au Lait, 27 sticks",
        },
        "description": {
            "zh-hans": "日本人气速溶欧蕾咖啡，奶香浓郁、甜度柔和。每条用约140毫升热水冲开，换成热牛奶冲调口感更醇厚。",
            "ko": "일본에서 사랑받는 스틱 카페오레로 부드러운 우유 맛과 은은한 단맛이 특징이에요. "
            "스틱 하나에 뜨거운 물 약 140ml를 부어 녹이고, 따뜻한 우유를 쓰면 더 진해집니다.",
            "ja": "日本で人気のスティックカフェオレ。ミルクのコクとやさしい甘さが特長です。"
            "1本にお湯約140mlを注ぐだけ、温めた牛乳で作るとさらに濃厚に。",
            "ru": "Популярный в Японии кофе с молоком в стиках: сливочный вкус и мягкая сладость. "
            "Растворите стик в 140 мл горячей воды, а с тёплым молоком получится ещё нежнее.",
            "en": "Japan's favourite stick café au lait, creamy with gentle sweetness. Dissolve one stick in about "
            "140 ml of hot water, or use warm milk for an even richer cup.",
        },
    },
    {
        "sku": "JP-DRK-003",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Suntory Yamazaki",
        "customs_name": "三得利山崎12年单一麦芽威士忌",
        "hs_code": "2208300000",
        "barcode": "4901777012479",
        "price": "1680.00",
        "stock": 45,
        "net_content": "700 ml",
        "color": "#B8860B",
        "title": {
            "zh-hans": "三得利 山崎12年 单一麦芽威士忌 43% 700毫升",
            "ko": "산토리 야마자키 12년 싱글 몰트 위스키 43% 700ml",
            "ja": "サントリー シングルモルトウイスキー 山崎12年 43% 700ml",
            "ru": "Виски Suntory Yamazaki 12 лет односолодовый 43%, 0,7 л",
            "en": "Suntory Yamazaki 12 Year Old Single Malt Whisky 43%, 700 ml",
        },
        "description": {
            "zh-hans": "产自日本最早的麦芽威士忌蒸馏所，带有桃子、菠萝的果香与日本水楢木桶特有的檀香气息。建议纯饮或加少许水品鉴。",
            "ko": "일본 최초의 몰트 위스키 증류소에서 탄생한 위스키로, 복숭아와 파인애플 향에 미즈나라 오크 특유의 백단향이 어우러집니다. "
            "스트레이트나 물을 약간 더해 즐겨 보세요.",
            "ja": "日本最古のモルトウイスキー蒸溜所で生まれた一本。桃やパイナップルを思わせる果実香に、ミズナラ樽由来の白檀のような香りが重なります。"
            "ストレートや少量の加水で。",
            "ru": "Виски с первой в Японии солодовой винокурни: ароматы персика и ананаса и сандаловые ноты японского дуба "
            "мидзунара. Пейте чистым или с каплей воды.",
            "en": "From Japan's first malt whisky distillery, with notes of peach and pineapple and the sandalwood "
            "character of Japanese Mizunara oak. Enjoy neat or with a splash of water.",
        },
    },
    {
        "sku": "JP-DRK-004",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Suntory Hibiki",
        "customs_name": "三得利响21年调和威士忌",
        "hs_code": "2208300000",
        "barcode": "4901777212190",
        "price": "8800.00",
        "stock": 20,
        "net_content": "700 ml",
        "color": "#6B3E26",
        "title": {
            "zh-hans": "三得利 响21年 调和威士忌 43% 700毫升",
            "ko": "산토리 히비키 21년 블렌디드 위스키 43% 700ml",
            "ja": "サントリー ウイスキー 響21年 43% 700ml",
            "ru": "Виски Suntory Hibiki 21 год купажированный 43%, 0,7 л",
            "en": "Suntory Hibiki 21 Year Old Blended Whisky 43%, 700 ml",
        },
        "description": {
            "zh-hans": "屡获国际大奖的日本调和威士忌，融合山崎、白州的麦芽原酒与知多的谷物原酒，呈现果干、蜂蜜与水楢木的复杂层次。"
            "24面切割的酒瓶象征日本二十四节气。",
            "ko": "국제 대회에서 여러 차례 수상한 블렌디드 위스키로, 야마자키·하쿠슈 몰트와 치타 그레인 원액이 말린 과일, 꿀, "
            "미즈나라 향의 깊은 층을 만듭니다. 24절기를 상징하는 24면 병도 아름다워요.",
            "ja": "数々の国際的な賞を受賞したブレンデッドウイスキー。山崎・白州のモルト原酒と知多のグレーン原酒が、"
            "ドライフルーツや蜂蜜、ミズナラの複雑な香りを織りなします。二十四節気を表す24面カットのボトルも美しい逸品です。",
            "ru": "Многократно награждённый купаж солодовых спиртов Ямадзаки и Хакусю с зерновым спиртом Чита: сухофрукты, "
            "мёд и дуб мидзунара. Бутылка с 24 гранями символизирует 24 сезона старого японского календаря.",
            "en": "An award-winning blend of Yamazaki and Hakushu malts with Chita grain whisky, layered with dried fruit, "
            "honey and Mizunara oak. The 24-faceted bottle represents the 24 seasons of the old Japanese calendar.",
        },
    },
    {
        "sku": "JP-DRK-005",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Nikka",
        "customs_name": "日果原桶调和威士忌",
        "hs_code": "2208300000",
        "barcode": "4904230105169",
        "price": "398.00",
        "stock": 75,
        "net_content": "500 ml",
        "color": "#2B2B2B",
        "title": {
            "zh-hans": "日果 Nikka From the Barrel 原桶调和威士忌 51.4% 500毫升",
            "ko": "닛카 프롬 더 배럴 블렌디드 위스키 51.4% 500ml",
            "ja": "ニッカ フロム・ザ・バレル 51.4% 500ml",
            "ru": "Виски Nikka From the Barrel купажированный 51,4%, 0,5 л",
            "en": "Nikka From the Barrel Blended Whisky 51.4%, 500 ml",
        },
        "description": {
            "zh-hans": "调和后再次入桶“婚配”熟成，以51.4%的高酒精度装瓶，香气饱满浓烈。方正小瓶造型经典，适合加冰块慢慢品。",
            "ko": "블렌딩 후 다시 오크통에서 숙성하는 ‘매링’ 과정을 거쳐 51.4%의 높은 도수로 병입해 풍미가 묵직하고 진합니다. "
            "작은 사각 병이 인상적이며 온더록으로 천천히 즐기기 좋아요.",
            "ja": "ブレンド後に再び樽で後熟させ、51.4%の高いアルコール度数で瓶詰め。厚みのある力強い味わいで、"
            "小さな四角いボトルも印象的です。ロックでじっくりと。",
            "ru": "После купажирования виски повторно выдерживают в бочках и разливают при крепости 51,4% — вкус насыщенный "
            "и мощный. Узнаваемая квадратная бутылочка; хорош со льдом.",
            "en": "Re-casked after blending for a “marrying” period and bottled at a robust 51.4% for a rich, powerful "
            "dram. The compact square bottle is iconic — try it on the rocks.",
        },
    },
    {
        "sku": "JP-DRK-006",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Suntory Kakubin",
        "customs_name": "三得利角瓶调和威士忌",
        "hs_code": "2208300000",
        "barcode": "4901777007031",
        "price": "139.00",
        "stock": 160,
        "net_content": "700 ml",
        "color": "#D4A017",
        "title": {
            "zh-hans": "三得利 角瓶 调和威士忌 40% 700毫升",
            "ko": "산토리 가쿠빈 위스키 40% 700ml",
            "ja": "サントリー 角瓶 40% 700ml",
            "ru": "Виски Suntory Kakubin купажированный 40%, 0,7 л",
            "en": "Suntory Kakubin Blended Whisky 40%, 700 ml",
        },
        "description": {
            "zh-hans": "诞生于1937年的日本国民威士忌，龟甲纹方瓶辨识度极高。按1:4兑苏打水加冰，就是日式居酒屋经典的“角嗨棒”。",
            "ko": "1937년부터 이어져 온 일본 국민 위스키로, 거북 등껍질 무늬 병이 상징적이에요. "
            "위스키 1에 탄산수 4를 얼음과 함께 섞으면 이자카야 스타일 ‘가쿠 하이볼’이 완성됩니다.",
            "ja": "1937年発売、亀甲模様のボトルでおなじみの日本のロングセラーウイスキー。"
            "ウイスキー1に対して炭酸水4で割れば、居酒屋定番の「角ハイボール」に。",
            "ru": "Японский виски с 1937 года в узнаваемой бутылке с узором «черепаховый панцирь». Смешайте 1 часть виски "
            "с 4 частями содовой со льдом — получится классический хайбол, как в идзакае.",
            "en": "Japan's everyday whisky since 1937, in its tortoise-shell patterned bottle. Mix one part whisky to four "
            "parts soda over ice for the classic izakaya Kaku highball.",
        },
    },
    {
        "sku": "JP-DRK-007",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Nikka Yoichi",
        "customs_name": "日果余市单一麦芽威士忌",
        "hs_code": "2208300000",
        "barcode": "4904230117056",
        "price": "698.00",
        "stock": 55,
        "net_content": "700 ml",
        "color": "#3C4F5C",
        "title": {
            "zh-hans": "日果 余市 单一麦芽威士忌 45% 700毫升",
            "ko": "닛카 요이치 싱글 몰트 위스키 45% 700ml",
            "ja": "ニッカ シングルモルト余市 45% 700ml",
            "ru": "Виски Nikka Yoichi односолодовый 45%, 0,7 л",
            "en": "Nikka Yoichi Single Malt Whisky 45%, 700 ml",
        },
        "description": {
            "zh-hans": "来自北海道余市蒸馏所，沿用传统的煤炭直火蒸馏，带有迷人的泥煤烟熏与海风咸味。适合喜欢厚重风格的威士忌爱好者。",
            "ko": "홋카이도 요이치 증류소에서 전통 석탄 직화 방식으로 증류해 은은한 피트 향과 바닷바람 같은 짠맛이 느껴집니다. "
            "묵직한 스타일을 좋아하는 분께 추천해요.",
            "ja": "北海道・余市蒸溜所で伝統の石炭直火蒸溜により造られ、心地よいピート香と潮の香りが感じられます。"
            "力強い味わいを好む方に。",
            "ru": "Виски с винокурни Ёити на Хоккайдо, где до сих пор перегоняют на прямом угольном огне: лёгкий торфяной "
            "дым и морская солоноватость. Для ценителей насыщенного стиля.",
            "en": "Distilled at Yoichi in Hokkaido in traditional direct coal-fired stills, with gentle peat smoke and a "
            "salty sea-breeze note. For fans of bold, robust whisky.",
        },
    },
    {
        "sku": "JP-BAB-001",
        "category": "diapers-wipes",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Merries",
        "customs_name": "花王妙而舒婴儿纸尿裤（中号）",
        "hs_code": "9619001100",
        "barcode": "4901301250643",
        "price": "139.00",
        "stock": 350,
        "net_content": "M · 64 pcs",
        "color": "#7EC8E3",
        "title": {
            "zh-hans": "花王 妙而舒 婴儿纸尿裤 M码 64片（6–11千克）",
            "ko": "카오 메리즈 테이프형 기저귀 M 64매 (6~11kg)",
            "ja": "花王 メリーズ テープ Mサイズ 64枚（6〜11kg）",
            "ru": "Подгузники Merries на липучках, размер M (6–11 кг), 64 шт.",
            "en": "Kao Merries Tape Diapers, Size M (6–11 kg), 64 pcs",
        },
        "description": {
            "zh-hans": "表层柔软透气，凸点设计减少与宝宝皮肤的接触面积，帮助保持干爽。尿显示条变色，提醒及时更换。",
            "ko": "부드럽고 통기성 좋은 엠보싱 표면이 아기 피부와의 접촉을 줄여 보송보송하게 지켜 줍니다. "
            "소변 표시선 색이 바뀌면 교체 시기를 알 수 있어요.",
            "ja": "ふんわりやわらかな通気性シートで、ムレにくくさらさらが続きます。"
            "おしっこサインの色が変わるので替えどきがひと目で分かります。",
            "ru": "Мягкий дышащий верхний слой с рельефными «пузырьками» уменьшает контакт с кожей малыша и сохраняет её "
            "сухой. Индикатор наполнения меняет цвет, подсказывая, что пора сменить подгузник.",
            "en": "A soft, breathable top sheet with a raised bubble texture reduces contact with baby's skin to keep it "
            "dry. A wetness indicator changes colour when it is time for a change.",
        },
    },
    {
        "sku": "JP-BAB-002",
        "category": "diapers-wipes",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Moony",
        "customs_name": "尤妮佳婴儿拉拉裤（大号）",
        "hs_code": "9619001100",
        "barcode": "4903111220441",
        "price": "129.00",
        "stock": 290,
        "net_content": "L · 44 pcs",
        "color": "#F7A8B8",
        "title": {
            "zh-hans": "尤妮佳 Moony 婴儿拉拉裤 L码 44片（9–14千克）",
            "ko": "유니참 무니 팬티형 기저귀 L 44매 (9~14kg)",
            "ja": "ユニ・チャーム ムーニーマン パンツ Lサイズ 44枚（9〜14kg）",
            "ru": "Трусики-подгузники Moony, размер L (9–14 кг), 44 шт.",
            "en": "Unicharm Moony Pants, Size L (9–14 kg), 44 pcs",
        },
        "description": {
            "zh-hans": "专为学爬、学走的宝宝设计的拉拉裤，腰部柔软有弹性，宝宝活动时也不易侧漏。换下后可用背面胶带卷起包好再丢弃。",
            "ko": "기어 다니고 걷기 시작한 아기를 위한 팬티형 기저귀로, 부드럽고 신축성 있는 허리 밴드가 활발한 움직임에도 새지 않게 잡아 줍니다. "
            "사용 후에는 뒷면 테이프로 말아서 깔끔하게 버릴 수 있어요.",
            "ja": "はいはい・あんよが始まった赤ちゃんのためのパンツタイプ。やわらかく伸びるウエストがしっかりフィットし、"
            "動き回っても横モレしにくい設計です。使用後は後ろのテープで丸めて捨てられます。",
            "ru": "Трусики для малышей, которые ползают и начинают ходить: мягкий эластичный пояс плотно прилегает и защищает "
            "от протеканий при активных движениях. После использования их удобно свернуть и закрепить ленточкой.",
            "en": "Pull-up pants for babies who are crawling and starting to walk; the soft, stretchy waist fits snugly "
            "and helps prevent side leaks. Roll up and seal with the back tape after use.",
        },
    },
    {
        "sku": "JP-BAB-003",
        "category": "infant-formula",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Meiji Hohoemi",
        "customs_name": "明治婴儿配方奶粉",
        "hs_code": "1901101000",
        "barcode": "4902777258089",
        "price": "259.00",
        "stock": 130,
        "net_content": "800 g",
        "color": "#FFE08A",
        "title": {
            "zh-hans": "明治 Hohoemi 婴儿配方奶粉 1段（0–12个月）800克",
            "ko": "메이지 호호에미 분유 1단계 (0~12개월) 800g",
            "ja": "明治 ほほえみ 粉ミルク 800g（0〜12か月）",
            "ru": "Детская смесь Meiji Hohoemi с рождения до 12 месяцев, 800 г",
            "en": "Meiji Hohoemi Infant Formula, 0–12 months, 800 g",
        },
        "description": {
            "zh-hans": "参考日本母乳研究配制，添加DHA与花生四烯酸（ARA），易溶解、不结块。请用罐内量勺取粉，以约70℃的温开水冲调，并在2小时内饮用。",
            "ko": "일본 모유 연구를 바탕으로 DHA와 아라키돈산(ARA)을 배합한 분유로, 잘 녹고 뭉치지 않아요. "
            "동봉된 스푼으로 계량해 약 70℃의 끓였다 식힌 물로 타고, 2시간 이내에 먹여 주세요.",
            "ja": "日本の母乳研究に基づき、DHAやARA（アラキドン酸）を配合した粉ミルク。溶けやすくダマになりにくいのも特長です。"
            "付属スプーンで計量し、約70℃のお湯で調乳して2時間以内に飲ませてください。",
            "ru": "Смесь разработана на основе японских исследований грудного молока, содержит DHA и арахидоновую кислоту "
            "(ARA), легко растворяется без комочков. Отмеряйте прилагаемой ложкой, разводите водой около 70 °C и "
            "используйте в течение 2 часов.",
            "en": "Developed from Meiji's research into breast milk, with DHA and ARA; it dissolves quickly without lumps. "
            "Measure with the enclosed scoop, mix with water at about 70 °C and use within two hours.",
        },
    },
    {
        "sku": "JP-BAB-004",
        "category": "infant-formula",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Glico Icreo",
        "customs_name": "固力果婴儿配方奶粉",
        "hs_code": "1901101000",
        "barcode": "4901005118041",
        "price": "269.00",
        "stock": 100,
        "net_content": "800 g",
        "color": "#A0D8EF",
        "title": {
            "zh-hans": "固力果 Icreo 均衡婴儿配方奶粉（0–12个月）800克",
            "ko": "글리코 아이크레오 밸런스 밀크 분유 800g (0~12개월)",
            "ja": "グリコ アイクレオ バランスミルク 800g（0〜12か月）",
            "ru": "Детская смесь Glico Icreo Balance Milk с рождения до 12 месяцев, 800 г",
            "en": "Glico Icreo Balance Milk Infant Formula, 0–12 months, 800 g",
        },
        "description": {
            "zh-hans": "日本固力果出品的婴儿奶粉，添加β-胡萝卜素、核苷酸等营养成分，奶味清淡、接近母乳。罐口设有刮平边，取粉更精准。",
            "ko": "일본 글리코의 분유로, 베타카로틴과 뉴클레오티드 등을 배합해 모유에 가까운 담백한 맛을 냈어요. "
            "캔 입구의 계량 턱으로 정확하게 분유를 덜 수 있습니다.",
            "ja": "グリコの粉ミルク。β-カロテンやヌクレオチドを配合し、母乳に近いすっきりとした味わいです。"
            "缶のすりきり口で正確に計量できます。",
            "ru": "Смесь японской компании Glico с бета-каротином и нуклеотидами; лёгкий вкус, близкий к грудному молоку. "
            "Специальный край банки позволяет точно отмерить порошок.",
            "en": "Glico's infant formula with beta-carotene and nucleotides for a light taste close to breast milk. "
            "A levelling edge in the can makes measuring precise.",
        },
    },
    {
        "sku": "JP-BAB-005",
        "category": "diapers-wipes",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Pigeon",
        "customs_name": "贝亲婴儿纯水湿巾",
        "hs_code": "3307900000",
        "barcode": "4902508124805",
        "price": "79.00",
        "stock": 400,
        "net_content": "6 × 80 sheets",
        "color": "#BDE0FE",
        "title": {
            "zh-hans": "贝亲 婴儿纯水湿巾 80抽×6包",
            "ko": "피죤(Pigeon) 순수 99% 아기 물티슈 80매×6팩",
            "ja": "ピジョン おしりナップ 純水99% 80枚×6個",
            "ru": "Детские влажные салфетки Pigeon, 99% очищенной воды, 6 × 80 шт.",
            "en": "Pigeon Baby Wipes 99% Purified Water, 6 × 80 sheets",
        },
        "description": {
            "zh-hans": "99%为纯净水，不含酒精和香料，厚实柔软，可用于擦拭宝宝的小屁屁和小手小嘴。取用后请盖好盖子，防止湿巾变干。",
            "ko": "99% 정제수로 만들어 알코올과 향료가 없고, 두툼하고 부드러워 아기 엉덩이는 물론 손과 입 주변도 닦을 수 있어요. "
            "사용 후에는 뚜껑을 닫아 마르지 않게 보관하세요.",
            "ja": "99%純水でアルコール・香料不使用。やわらかな厚手シートで、おしりだけでなく手や口のまわりにも使えます。"
            "使用後はフタをしっかり閉めて乾燥を防いでください。",
            "ru": "Салфетки на 99% состоят из очищенной воды, без спирта и отдушек; плотные и мягкие, подходят для попки, "
            "ручек и лица малыша. Закрывайте крышку, чтобы салфетки не высыхали.",
            "en": "99% purified water with no alcohol or fragrance; thick, soft sheets gentle enough for bottoms, hands "
            "and faces. Close the lid after use to keep them moist.",
        },
    },
    {
        "sku": "JP-BEA-001",
        "category": "sun-care",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "ANESSA",
        "customs_name": "资生堂安热沙防晒乳",
        "hs_code": "3304990099",
        "barcode": "4901872385713",
        "price": "198.00",
        "stock": 190,
        "net_content": "60 ml",
        "color": "#D4AF37",
        "title": {
            "zh-hans": "资生堂 安热沙 金瓶防晒乳 SPF50+ PA++++ 60毫升",
            "ko": "시세이도 아네사 퍼펙트 UV 스킨케어 밀크 SPF50+ PA++++ 60ml",
            "ja": "資生堂 アネッサ パーフェクトUV スキンケアミルク SPF50+ PA++++ 60ml",
            "ru": "Солнцезащитное молочко Shiseido Anessa Perfect UV SPF50+, 60 мл",
            "en": "Shiseido ANESSA Perfect UV Skincare Milk SPF50+ PA++++, 60 ml",
        },
        "description": {
            "zh-hans": "俗称“小金瓶”，遇汗遇水后防护膜反而更牢固，适合海边、户外运动等强日晒场景。使用前请充分摇匀，用普通洁面产品即可洗净。",
            "ko": "땀과 물에 닿으면 오히려 차단막이 더 강해지는 기술로 바닷가나 야외 운동처럼 햇빛이 강한 날에 좋아요. "
            "사용 전 충분히 흔들어 주시고, 일반 클렌저로 지울 수 있습니다.",
            "ja": "汗や水に触れるとUVブロック膜がより強くなる技術で、海やアウトドアなど強い日差しの下でも頼れる「金のアネッサ」。"
            "使用前によく振ってください。普通の洗顔料で落とせます。",
            "ru": "«Золотой флакон» Anessa: защитная плёнка становится только прочнее при контакте с потом и водой — идеально "
            "для пляжа и спорта на открытом воздухе. Перед применением хорошо встряхните; смывается обычным средством для "
            "умывания.",
            "en": "The famous “gold bottle”: its protective film actually strengthens on contact with sweat and water, "
            "making it ideal for the beach and outdoor sports. Shake well before use; it washes off with regular cleanser.",
        },
    },
    {
        "sku": "JP-BEA-002",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Hada Labo",
        "customs_name": "肌研极润玻尿酸化妆水",
        "hs_code": "3304990099",
        "barcode": "4987241030620",
        "price": "79.00",
        "stock": 330,
        "net_content": "170 ml",
        "color": "#E6F0FA",
        "title": {
            "zh-hans": "乐敦 肌研 极润玻尿酸保湿化妆水 170毫升",
            "ko": "로토 하다라보 고쿠쥰 히알루론산 로션 170ml",
            "ja": "ロート製薬 肌ラボ 極潤 ヒアルロン液 170ml",
            "ru": "Лосьон Rohto Hada Labo Gokujyun с гиалуроновой кислотой, 170 мл",
            "en": "Rohto Hada Labo Gokujyun Hyaluronic Lotion, 170 ml",
        },
        "description": {
            "zh-hans": "含多种玻尿酸，质地微稠、保湿力强，无香料、无色素、无酒精。洁面后取一元硬币大小，用掌心轻按至吸收。",
            "ko": "여러 종류의 히알루론산을 담아 살짝 쫀득한 제형으로 강력한 보습을 선사하며, 무향·무색소·무알코올이에요. "
            "세안 후 동전 크기만큼 덜어 손바닥으로 부드럽게 눌러 흡수시켜 주세요.",
            "ja": "数種類のヒアルロン酸を配合した、とろみのある高保湿化粧水。無香料・無着色・アルコールフリーです。"
            "洗顔後、500円玉大を手のひらでやさしくなじませてください。",
            "ru": "Лосьон с несколькими видами гиалуроновой кислоты — слегка тягучая текстура и глубокое увлажнение, "
            "без отдушек, красителей и спирта. После умывания вмассируйте ладонями порцию размером с монету.",
            "en": "Several types of hyaluronic acid in a slightly viscous, deeply hydrating lotion — free of fragrance, "
            "colourants and alcohol. Press a coin-sized amount into the skin with your palms after cleansing.",
        },
    },
    {
        "sku": "JP-BEA-003",
        "category": "skincare",
        "merchant": "hanbit",
        "warehouse": "dalian-bonded",
        "origin": "116",
        "brand": "Kosé Sekkisei",
        "customs_name": "高丝雪肌精化妆水",
        "hs_code": "3304990099",
        "barcode": "4971710200157",
        "price": "329.00",
        "stock": 85,
        "net_content": "200 ml",
        "color": "#1F4E9C",
        "title": {
            "zh-hans": "高丝 雪肌精 经典化妆水 200毫升",
            "ko": "코세 셋키세이 로션 200ml",
            "ja": "コーセー 薬用 雪肌精 化粧水 200ml",
            "ru": "Лосьон Kosé Sekkisei с растительными экстрактами, 200 мл",
            "en": "Kosé Sekkisei Lotion, 200 ml",
        },
        "description": {
            "zh-hans": "1985年诞生的“蓝瓶”经典化妆水，含薏仁、当归等和汉植物萃取，清爽透亮。可用化妆棉蘸取湿敷，夏季冷藏后使用更舒爽。",
            "ko": "1985년 출시된 ‘파란 병’ 스테디셀러로, 율무·당귀 등 한방 식물 추출물이 피부를 맑고 산뜻하게 가꿔 줍니다. "
            "화장솜에 적셔 팩처럼 올려 두거나, 여름에는 냉장 보관해 시원하게 사용해 보세요.",
            "ja": "1985年発売のロングセラー「青いボトル」。ハトムギやトウキなど和漢植物エキスを配合し、みずみずしく透明感のある肌へ導きます。"
            "コットンパックや、夏は冷蔵庫で冷やして使うのもおすすめ。",
            "ru": "Классический «синий флакон», который выпускают с 1985 года, с экстрактами коикса, дудника и других "
            "растений восточной медицины. Освежает и придаёт коже сияние; летом храните его в холодильнике или делайте "
            "компрессы на ватных дисках.",
            "en": "The classic “blue bottle” lotion launched in 1985, with Job's tears, angelica and other traditional "
            "botanicals for fresh, clear-looking skin. Use it as a cotton-pad compress, or keep it in the fridge in summer.",
        },
    },
    # ------------------------------------------------------------------ Russia (344), merchant taiga
    {
        "sku": "RU-FOD-001",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Krasny Oktyabr",
        "customs_name": "红色十月爱莲巧牛奶巧克力",
        "hs_code": "1806320000",
        "barcode": "4600069501201",
        "price": "49.90",
        "stock": 450,
        "net_content": "4 × 100 g",
        "color": "#E8C547",
        "title": {
            "zh-hans": "红色十月 爱莲巧 大头娃娃牛奶巧克力 100克×4块",
            "ko": "크라스니 옥탸브리 알룐카 밀크 초콜릿 100g×4개",
            "ja": "クラースヌイ・オクチャブリ アリョンカ ミルクチョコレート 100g×4枚",
            "ru": "Шоколад молочный «Алёнка» «Красный Октябрь», 4 × 100 г",
            "en": "Krasny Oktyabr Alenka Milk Chocolate, 4 × 100 g",
        },
        "description": {
            "zh-hans": "包装上系着花头巾的小女孩是几代俄罗斯人的童年记忆。奶香浓郁，甜而顺滑，搭配红茶一起享用最合适。",
            "ko": "머릿수건을 쓴 소녀 그림으로 유명한 러시아 국민 초콜릿으로, 진한 우유 맛이 부드럽고 달콤해요. "
            "홍차와 함께 즐기기 좋습니다.",
            "ja": "スカーフをかぶった女の子のパッケージで知られる、ロシアで何世代にも愛されるミルクチョコレート。"
            "ミルク感が濃く、なめらかな甘さで紅茶との相性も抜群です。",
            "ru": "Шоколад с девочкой в платочке на обёртке — вкус детства нескольких поколений. Насыщенный молочный, "
            "нежный и сладкий; отлично сочетается с чёрным чаем.",
            "en": "The milk chocolate with the little girl in a headscarf on the wrapper — a childhood favourite for "
            "generations of Russians. Creamy, smooth and sweet; lovely with black tea.",
        },
    },
    {
        "sku": "RU-FOD-002",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Babaevsky",
        "customs_name": "巴巴耶夫斯基75%黑巧克力",
        "hs_code": "1806320000",
        "barcode": "4600400100933",
        "price": "39.90",
        "stock": 380,
        "net_content": "3 × 90 g",
        "color": "#5C3A21",
        "title": {
            "zh-hans": "巴巴耶夫斯基 精英75%可可黑巧克力 90克×3块",
            "ko": "바바옙스키 엘리트 다크 초콜릿 카카오 75% 90g×3개",
            "ja": "ババエフスキー エリート ダークチョコレート カカオ75% 90g×3枚",
            "ru": "Шоколад горький «Бабаевский» Элитный 75% какао, 3 × 90 г",
            "en": "Babaevsky Elite Dark Chocolate 75% Cacao, 3 × 90 g",
        },
        "description": {
            "zh-hans": "出自历史可追溯到1804年的莫斯科老牌糖果厂，75%的可可含量带来醇厚微苦的口感和淡淡果酸，适合喜爱黑巧克力的人。",
            "ko": "1804년부터 역사를 이어 온 모스크바의 전통 제과 회사가 만든 초콜릿으로, 카카오 75%의 깊고 쌉싸름한 맛에 "
            "은은한 산미가 느껴집니다. 진한 다크 초콜릿을 좋아하는 분께 추천해요.",
            "ja": "1804年にさかのぼる歴史を持つモスクワの老舗菓子メーカーのチョコレート。"
            "カカオ75%のコク深いほろ苦さと、ほのかな酸味が楽しめます。ビターチョコ好きの方に。",
            "ru": "Шоколад московской фабрики, чья история началась в 1804 году: 75% какао дают глубокую горечь с лёгкой "
            "фруктовой кислинкой. Для любителей настоящего тёмного шоколада.",
            "en": "From the Moscow confectioner whose history dates back to 1804: 75% cacao gives a deep, bittersweet "
            "taste with a hint of fruity acidity. For lovers of proper dark chocolate.",
        },
    },
    {
        "sku": "RU-FOD-003",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Krasny Oktyabr",
        "customs_name": "红色十月笨熊巧克力糖",
        "hs_code": "1806900000",
        "barcode": "4600069503120",
        "price": "49.90",
        "stock": 260,
        "net_content": "250 g",
        "color": "#3E6B48",
        "title": {
            "zh-hans": "红色十月 笨熊 杏仁威化巧克力糖 250克",
            "ko": "크라스니 옥탸브리 미시카 코솔라피 초콜릿 캔디 250g",
            "ja": "クラースヌイ・オクチャブリ ミーシカ・コソラープイ チョコ菓子 250g",
            "ru": "Конфеты «Мишка косолапый» «Красный Октябрь», 250 г",
            "en": "Krasny Oktyabr Mishka Kosolapy Chocolate Candies, 250 g",
        },
        "description": {
            "zh-hans": "糖纸上印着希施金名画《松林的早晨》中的小熊，内里是香脆威化与杏仁果仁糖，外裹黑巧克力。是俄罗斯家庭节日茶桌上的常客。",
            "ko": "시시킨의 명화 「소나무 숲의 아침」 속 곰을 담은 포장지로 유명하며, 바삭한 웨이퍼와 아몬드 프랄린을 "
            "다크 초콜릿으로 감쌌어요. 러시아 가정의 명절 찻상에 빠지지 않는 과자입니다.",
            "ja": "シーシキンの名画「松林の朝」のクマが描かれた包み紙でおなじみ。サクサクのウエハースとアーモンドプラリネを"
            "ダークチョコで包んだ、ロシアの家庭のお茶の時間に欠かせないお菓子です。",
            "ru": "Те самые конфеты с медведями с картины Шишкина «Утро в сосновом лесу»: хрустящая вафля и миндальное "
            "пралине в тёмном шоколаде. Непременный гость праздничного чаепития.",
            "en": "The candies with the bears from Shishkin's painting “Morning in a Pine Forest” on the wrapper: crisp "
            "wafer and almond praline enrobed in dark chocolate. A fixture of festive Russian tea tables.",
        },
    },
    {
        "sku": "RU-FOD-004",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Rot Front",
        "customs_name": "红色前线奶牛牌牛奶糖",
        "hs_code": "1704900000",
        "barcode": "4600449012341",
        "price": "29.90",
        "stock": 420,
        "net_content": "250 g",
        "color": "#F2E3C6",
        "title": {
            "zh-hans": "红色前线 奶牛牌 俄罗斯牛奶软糖 250克",
            "ko": "로트 프론트 코롭카 밀크 캔디 250g",
            "ja": "ロート・フロント コローフカ ミルクキャンディ 250g",
            "ru": "Конфеты «Коровка» молочные «Рот Фронт», 250 г",
            "en": "Rot Front Korovka Milk Fudge Candies, 250 g",
        },
        "description": {
            "zh-hans": "经典苏联配方的奶味软糖，外层微脆、内里绵软，带有焦糖与炼乳的香甜。独立小包装，适合在办公室分享。",
            "ko": "소련 시절 레시피 그대로 만든 밀크 캔디로, 겉은 살짝 바삭하고 속은 부드러워 캐러멜과 연유의 달콤함이 느껴져요. "
            "개별 포장이라 사무실 간식으로 나누기 좋습니다.",
            "ja": "ソ連時代からのレシピで作るミルクキャンディ。外側はほんのりサクッ、中はとろりとやわらかく、"
            "キャラメルと練乳のような甘さが広がります。個包装でオフィスのおやつにも。",
            "ru": "Молочные конфеты по классическому советскому рецепту: снаружи чуть хрустящая корочка, внутри — тягучая "
            "нежная начинка со вкусом карамели и сгущёнки. В индивидуальных фантиках, удобно угощать коллег.",
            "en": "Milk candies made to the classic Soviet recipe: a slightly crisp shell around a soft, gooey centre "
            "tasting of caramel and condensed milk. Individually wrapped — easy to share at the office.",
        },
    },
    {
        "sku": "RU-FOD-005",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Rot Front",
        "customs_name": "红色前线鸟奶巧克力糖",
        "hs_code": "1806900000",
        "barcode": "4600449015625",
        "price": "39.90",
        "stock": 210,
        "net_content": "225 g",
        "color": "#2C5F8A",
        "title": {
            "zh-hans": "红色前线 鸟奶 香草舒芙蕾巧克力糖 225克",
            "ko": "로트 프론트 프티치예 몰로코 바닐라 수플레 초콜릿 225g",
            "ja": "ロート・フロント プチーチエ・モロコー バニラスフレチョコ 225g",
            "ru": "Конфеты «Птичье молоко» со вкусом ванили «Рот Фронт», 225 г",
            "en": "Rot Front Ptichye Moloko Vanilla Soufflé Chocolates, 225 g",
        },
        "description": {
            "zh-hans": "轻盈的香草舒芙蕾外裹巧克力，口感如云朵般绵软。“鸟奶”在俄语中寓意“稀世美味”，是苏联时期最受欢迎的糖果之一。",
            "ko": "가볍고 폭신한 바닐라 수플레를 초콜릿으로 감싸 구름처럼 부드러운 식감이에요. "
            "‘새의 우유’라는 이름은 러시아어로 ‘세상에 없는 진미’를 뜻하며 소련 시절부터 사랑받아 왔습니다.",
            "ja": "ふわふわのバニラスフレをチョコレートで包んだ、雲のように軽い口どけのお菓子。"
            "「鳥のミルク」はロシア語で「めったにないごちそう」を意味し、ソ連時代から愛されてきました。",
            "ru": "Воздушное ванильное суфле в шоколадной глазури, нежное как облако. Название означает то, чего не бывает "
            "на свете, — эти конфеты обожали ещё в СССР.",
            "en": "Airy vanilla soufflé covered in chocolate, light as a cloud. The name “bird's milk” means an impossible "
            "delicacy in Russian — these have been a favourite since Soviet times.",
        },
    },
    {
        "sku": "RU-FOD-006",
        "category": "honey",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Medovy Dom",
        "customs_name": "阿尔泰山野花蜂蜜",
        "hs_code": "0409000000",
        "barcode": "4607018005124",
        "price": "79.00",
        "stock": 240,
        "net_content": "500 g",
        "color": "#F0A202",
        "title": {
            "zh-hans": "蜂蜜之家 阿尔泰山野花蜂蜜 500克",
            "ko": "메도비 돔 알타이 야생화 꿀 500g",
            "ja": "メドーヴィ・ドム アルタイ山地 百花はちみつ 500g",
            "ru": "Мёд алтайский горное разнотравье «Медовый дом», 500 г",
            "en": "Medovy Dom Altai Mountain Wildflower Honey, 500 g",
        },
        "description": {
            "zh-hans": "采自西伯利亚阿尔泰山区的高山草甸，百花蜜香气馥郁、口感醇厚。天气转凉时会自然结晶，属正常现象，可用40℃以下的温水隔水化开。",
            "ko": "시베리아 알타이 산맥의 고산 초원에서 채밀한 야생화 꿀로 향이 풍부하고 맛이 깊어요. "
            "기온이 내려가면 자연스럽게 결정이 생기는데, 40℃ 이하의 따뜻한 물에 중탕하면 다시 녹습니다.",
            "ja": "シベリア・アルタイ山脈の高山草原で採れた百花蜜。豊かな花の香りとコクのある味わいです。"
            "寒くなると自然に結晶しますが、40℃以下の湯せんで溶かせます。",
            "ru": "Мёд с высокогорных лугов Алтая — богатый цветочный аромат и насыщенный вкус. Со временем естественно "
            "кристаллизуется; при желании растопите на водяной бане не выше 40 °C.",
            "en": "Honey from the high mountain meadows of Siberia's Altai — rich floral aroma and full flavour. It "
            "crystallises naturally in cool weather; warm the jar in water below 40 °C to liquefy it.",
        },
    },
    {
        "sku": "RU-FOD-007",
        "category": "honey",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Bashkir Honey",
        "customs_name": "巴什基尔椴树蜂蜜",
        "hs_code": "0409000000",
        "barcode": "4607198001053",
        "price": "128.00",
        "stock": 150,
        "net_content": "1 kg",
        "color": "#F6D57A",
        "title": {
            "zh-hans": "巴什基尔蜂蜜公司 椴树蜂蜜 1千克",
            "ko": "바시키르 허니 컴퍼니 린덴(피나무) 꿀 1kg",
            "ja": "バシキール・ハニー・カンパニー 菩提樹はちみつ 1kg",
            "ru": "Мёд башкирский липовый «Башкирская медовая компания», 1 кг",
            "en": "Bashkir Honey Company Linden Honey, 1 kg",
        },
        "description": {
            "zh-hans": "巴什基尔椴树蜜是俄罗斯最负盛名的蜂蜜之一，色泽浅黄，清甜中带有椴树花香。结晶后呈细腻的乳白色膏状，可以直接抹面包。",
            "ko": "러시아에서 가장 유명한 꿀 중 하나인 바시키르 린덴 꿀로, 연한 노란빛에 린덴 꽃향기가 나는 산뜻한 단맛이 특징이에요. "
            "결정화되면 고운 크림 형태가 되어 빵에 바로 발라 먹기 좋습니다.",
            "ja": "ロシアで最も名高いはちみつのひとつ、バシキール産の菩提樹（リンデン）蜜。淡い黄色で、花の香りとすっきりした甘さが特長です。"
            "結晶するときめ細かいクリーム状になり、パンにそのまま塗れます。",
            "ru": "Башкирский липовый мёд — один из самых знаменитых в России: светлый, с нежным ароматом липового цвета и "
            "чистой сладостью. Закристаллизовавшись, становится кремовым — его удобно намазывать на хлеб.",
            "en": "Bashkir linden honey is one of Russia's most celebrated: pale gold, with the scent of linden blossom "
            "and a clean sweetness. It sets into a smooth cream that spreads easily on bread.",
        },
    },
    {
        "sku": "RU-FOD-008",
        "category": "honey",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Berestov",
        "customs_name": "阿尔泰荞麦蜂蜜",
        "hs_code": "0409000000",
        "barcode": "4607018008330",
        "price": "69.00",
        "stock": 180,
        "net_content": "500 g",
        "color": "#8C4A1C",
        "title": {
            "zh-hans": "别列斯托夫 阿尔泰荞麦蜂蜜 500克",
            "ko": "베레스토프 알타이 메밀꿀 500g",
            "ja": "ベレストフ アルタイ そばはちみつ 500g",
            "ru": "Мёд гречишный алтайский «Берестов», 500 г",
            "en": "Berestov Altai Buckwheat Honey, 500 g",
        },
        "description": {
            "zh-hans": "深琥珀色的荞麦蜜，味道浓烈，略带麦芽与焦糖风味。适合调入热茶，或淋在俄式薄饼和酸奶上。",
            "ko": "진한 호박색의 메밀꿀로 맥아와 캐러멜을 연상시키는 강렬하고 깊은 맛이 나요. "
            "따뜻한 차에 넣거나 블린과 요거트에 곁들여 보세요.",
            "ja": "深い琥珀色のそばはちみつで、モルトやキャラメルを思わせる力強くコクのある味わい。"
            "温かい紅茶に入れたり、ブリヌイやヨーグルトにかけたりしてどうぞ。",
            "ru": "Тёмно-янтарный гречишный мёд с ярким, терпким вкусом и нотами солода и карамели. "
            "Добавляйте в горячий чай, поливайте блины и йогурт.",
            "en": "Dark amber buckwheat honey with a bold, malty, caramel-like flavour. Stir it into hot tea or drizzle "
            "it over blini and yoghurt.",
        },
    },
    {
        "sku": "RU-FOD-009",
        "category": "groceries",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Uvelka",
        "customs_name": "俄罗斯荞麦米",
        "hs_code": "1104299000",
        "barcode": "4600669001873",
        "price": "24.90",
        "stock": 480,
        "net_content": "5 × 80 g",
        "color": "#C1440E",
        "title": {
            "zh-hans": "乌维尔卡 俄罗斯荞麦米 煮食袋装 80克×5袋",
            "ko": "우벨카 러시아 메밀쌀 조리용 봉지 80g×5봉",
            "ja": "ウヴェルカ ロシア産 そばの実 ボイルバッグ 80g×5袋",
            "ru": "Крупа гречневая ядрица «Увелка» в пакетиках для варки, 5 × 80 г",
            "en": "Uvelka Buckwheat Groats in Boil-in-Bags, 5 × 80 g",
        },
        "description": {
            "zh-hans": "荞麦米是俄罗斯餐桌上的主食，经烘烤后带有坚果香。整袋放入加盐的沸水中煮约15分钟，沥干后拌入黄油，就是地道的俄式荞麦饭。",
            "ko": "러시아 식탁의 주식인 메밀쌀로, 살짝 볶아 고소한 견과류 향이 나요. "
            "봉지째 소금을 넣은 끓는 물에 약 15분 삶아 물기를 빼고 버터를 섞으면 정통 러시아식 그레치카가 완성됩니다.",
            "ja": "ロシアの食卓に欠かせない主食、そばの実。焙煎してあり、ナッツのような香ばしさがあります。"
            "袋ごと塩を入れた熱湯で約15分ゆで、水気を切ってバターを混ぜれば本場のグレーチカに。",
            "ru": "Обжаренная гречка-ядрица с ореховым ароматом — основа русского стола. Опустите пакетик в кипящую "
            "подсоленную воду на 15 минут, откиньте и заправьте сливочным маслом.",
            "en": "Toasted buckwheat kernels with a nutty aroma, a staple of the Russian table. Boil the bag in salted "
            "water for about 15 minutes, drain and stir in butter for classic grechka.",
        },
    },
    {
        "sku": "RU-FOD-010",
        "category": "snacks",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Lyubyatovo",
        "customs_name": "香草味面包干圈",
        "hs_code": "1905909000",
        "barcode": "4607110200465",
        "price": "19.90",
        "stock": 340,
        "net_content": "400 g",
        "color": "#D9A441",
        "title": {
            "zh-hans": "柳比亚托沃 香草味俄罗斯小面包圈 400克",
            "ko": "류뱌토보 바닐라 수시키 (러시아 미니 링 과자) 400g",
            "ja": "リュビャトヴォ バニラ風味 スーシキ（ロシアのリング型乾パン）400g",
            "ru": "Сушки ванильные «Любятово», 400 г",
            "en": "Lyubyatovo Vanilla Sushki (Russian Mini Bread Rings), 400 g",
        },
        "description": {
            "zh-hans": "俄罗斯人喝茶必备的小面包圈，先烫后烤，口感硬脆、微甜，带香草味。可以直接啃着吃，也可泡在热茶里变软后再吃。",
            "ko": "러시아 사람들이 차와 함께 즐기는 작은 링 모양 과자로, 데친 뒤 구워 단단하고 바삭하며 은은한 바닐라 향이 나요. "
            "그대로 먹거나 뜨거운 차에 적셔 부드럽게 드셔도 좋습니다.",
            "ja": "ロシアのお茶の時間に欠かせない小さなリング型の乾パン。ゆでてから焼くので固くカリッとした食感で、ほんのりバニラが香ります。"
            "そのままでも、温かい紅茶に浸してやわらかくしても。",
            "ru": "Небольшие хрустящие сушки с лёгким ароматом ванили — их сначала обваривают, а потом выпекают. "
            "Грызите просто так или макайте в горячий чай, пока не размякнут.",
            "en": "Little ring-shaped rusks that Russians nibble with tea — scalded then baked, hard and crunchy with a "
            "hint of vanilla. Eat them as they are or dunk them in hot tea to soften.",
        },
    },
    {
        "sku": "RU-FOD-011",
        "category": "sweets",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Yasnaya Polyana",
        "customs_name": "图拉果酱夹心姜饼",
        "hs_code": "1905200000",
        "barcode": "4602121500344",
        "price": "29.90",
        "stock": 200,
        "net_content": "2 × 140 g",
        "color": "#7A4B2A",
        "title": {
            "zh-hans": "亚斯纳亚·波利亚纳 图拉蜂蜜姜饼 果酱夹心 140克×2块",
            "ko": "야스나야 폴랴나 툴라 프랴니크 잼 필링 140g×2개",
            "ja": "ヤースナヤ・ポリャーナ トゥーラ・プリャーニク ジャム入り 140g×2個",
            "ru": "Тульский пряник с повидлом «Ясная Поляна», 2 × 140 г",
            "en": "Yasnaya Polyana Tula Gingerbread with Jam Filling, 2 × 140 g",
        },
        "description": {
            "zh-hans": "来自图拉的传统压模姜饼，饼面印有精美花纹，蜂蜜与香料揉成的面团里夹着果酱。切成小块配茶，是俄罗斯人走亲访友时的经典礼物。",
            "ko": "툴라 지방의 전통 프랴니크로, 꿀과 향신료를 넣은 반죽 안에 잼을 채우고 표면에 아름다운 문양을 찍어 냈어요. "
            "조각내어 차와 함께 즐기며, 러시아에서는 대표적인 선물용 과자입니다.",
            "ja": "トゥーラ地方伝統の型押しプリャーニク。はちみつとスパイスを練り込んだ生地にジャムを包み、表面に美しい模様が刻まれています。"
            "切り分けて紅茶と一緒に。ロシアの定番の手土産です。",
            "ru": "Традиционный печатный пряник из Тулы: медово-пряное тесто с повидлом и узорным оттиском на поверхности. "
            "Нарежьте ломтиками к чаю — классический подарок, с которым ходят в гости.",
            "en": "The traditional stamped gingerbread of Tula: honey-and-spice dough with a jam filling and an ornate "
            "pattern pressed on top. Slice it to serve with tea — a classic Russian gift when visiting friends.",
        },
    },
    {
        "sku": "RU-FOD-012",
        "category": "groceries",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Alekseevskoye",
        "customs_name": "全脂加糖炼乳",
        "hs_code": "0402991000",
        "barcode": "4603039003804",
        "price": "39.90",
        "stock": 300,
        "net_content": "3 × 380 g",
        "color": "#4A90C2",
        "title": {
            "zh-hans": "阿列克谢耶夫斯科耶 全脂加糖炼乳 8.5% 380克×3罐",
            "ko": "알렉세옙스코예 가당 연유 8.5% 380g×3캔",
            "ja": "アレクセーエフスコエ 加糖練乳 8.5% 380g×3缶",
            "ru": "Молоко цельное сгущённое с сахаром «Алексеевское» 8,5%, 3 × 380 г",
            "en": "Alekseevskoye Sweetened Condensed Whole Milk 8.5%, 3 × 380 g",
        },
        "description": {
            "zh-hans": "按俄罗斯国家标准（GOST）只用全脂牛奶和糖熬制，奶味浓厚。可抹在俄式薄饼上、加进咖啡，或将未开封的罐头没入水中煮2小时，做成焦糖炼乳。",
            "ko": "러시아 국가 표준(GOST)에 따라 전유와 설탕만으로 만든 진한 연유예요. "
            "블린에 발라 먹거나 커피에 넣고, 뜯지 않은 캔을 물에 완전히 잠기게 해 2시간 끓이면 캐러멜 연유가 됩니다.",
            "ja": "ロシア国家規格（GOST）に沿って全乳と砂糖だけで作った、ミルク感の濃い練乳。"
            "ブリヌイに塗ったりコーヒーに入れたり、未開封の缶を水に沈めて2時間煮ればキャラメル風の練乳に。",
            "ru": "Сгущёнка по ГОСТу — только цельное молоко и сахар, насыщенный сливочный вкус. Намазывайте на блины, "
            "добавляйте в кофе или варите закрытую банку, полностью погружённую в воду, два часа — получится варёная сгущёнка.",
            "en": "Made to the Russian GOST standard from just whole milk and sugar, with a rich, creamy taste. Spread it "
            "on blini, stir it into coffee, or simmer the unopened tin fully submerged in water for two hours to make "
            "caramel-like varyonka.",
        },
    },
    {
        "sku": "RU-FOD-013",
        "category": "snacks",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Kirieshki",
        "customs_name": "黑麦面包丁（酸奶油香草味）",
        "hs_code": "1905909000",
        "barcode": "4604324012099",
        "price": "29.90",
        "stock": 360,
        "net_content": "10 × 40 g",
        "color": "#2D7DD2",
        "title": {
            "zh-hans": "基里耶什基 酸奶油香草味黑麦面包丁 40克×10袋",
            "ko": "키리에시키 사워크림 허브맛 호밀 크루통 40g×10봉",
            "ja": "キリエーシキ サワークリーム＆ハーブ味 ライ麦クルトン 40g×10袋",
            "ru": "Сухарики ржаные «Кириешки» со вкусом сметаны с зеленью, 10 × 40 г",
            "en": "Kirieshki Rye Croutons, Sour Cream & Herbs, 10 × 40 g",
        },
        "description": {
            "zh-hans": "用俄罗斯黑麦面包切丁烘烤而成，嚼起来嘎嘣脆，酸奶油与香草调味咸香适口。可以当零食，也可撒在汤或沙拉里。",
            "ko": "러시아 호밀빵을 작게 잘라 구운 과자로, 바삭바삭한 식감에 사워크림과 허브의 짭짤한 맛이 어우러져요. "
            "그대로 먹거나 수프와 샐러드에 뿌려 드세요.",
            "ja": "ロシアのライ麦パンを角切りにして焼いた、カリカリ食感のスナック。サワークリームとハーブの塩味が後を引きます。"
            "そのままでも、スープやサラダのトッピングにも。",
            "ru": "Хрустящие кубики ржаного хлеба со вкусом сметаны и зелени — солоноватые и очень аппетитные. "
            "Хороши сами по себе, в супе и в салате.",
            "en": "Cubes of Russian rye bread baked until crunchy, seasoned with sour cream and herbs. Snack on them "
            "straight from the bag or scatter them over soups and salads.",
        },
    },
    {
        "sku": "RU-BAB-001",
        "category": "infant-formula",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "FrutoNyanya",
        "customs_name": "婴儿荞麦米粉",
        "hs_code": "1901109000",
        "barcode": "4602332001784",
        "price": "25.90",
        "stock": 160,
        "net_content": "200 g",
        "color": "#8BC34A",
        "title": {
            "zh-hans": "FrutoNyanya 无奶配方婴儿荞麦米粉（4个月以上）200克",
            "ko": "프루토냐냐 무유 메밀 이유식 가루 (생후 4개월부터) 200g",
            "ja": "フルトニャーニャ ミルク不使用 そばの離乳食シリアル（4か月頃から）200g",
            "ru": "Каша безмолочная гречневая «ФрутоНяня» с 4 месяцев, 200 г",
            "en": "FrutoNyanya Dairy-Free Buckwheat Baby Cereal, from 4 months, 200 g",
        },
        "description": {
            "zh-hans": "只用荞麦一种谷物，无麸质、不额外加糖，适合作为宝宝最初的辅食。用温热的母乳、配方奶或温开水调成糊状即可。",
            "ko": "메밀 한 가지 곡물로 만든 글루텐 프리·무가당 이유식으로 아기의 첫 이유식으로 좋아요. "
            "따뜻한 모유나 분유, 끓였다 식힌 물에 개어 죽처럼 먹여 주세요.",
            "ja": "そばの実だけを使ったグルテンフリー・砂糖不使用のシリアル。"
            "温かい母乳や粉ミルク、湯冷ましで溶いてペースト状にしてください。初めて与えるときは少量から様子を見ましょう。",
            "ru": "Монокомпонентная гречневая каша без глютена и добавленного сахара — хороший старт прикорма. "
            "Разведите тёплым грудным молоком, смесью или кипячёной водой до нужной густоты.",
            "en": "A single-grain, gluten-free buckwheat cereal with no added sugar — a good first food for weaning. "
            "Mix with warm breast milk, formula or cooled boiled water to a smooth paste.",
        },
    },
    {
        "sku": "RU-DRK-001",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "344",
        "brand": "Beluga",
        "customs_name": "白鲸贵族伏特加",
        "hs_code": "2208600000",
        "barcode": "4607028607011",
        "price": "468.00",
        "stock": 90,
        "net_content": "700 ml",
        "color": "#1C2B39",
        "title": {
            "zh-hans": "白鲸 贵族伏特加 40% 700毫升",
            "ko": "벨루가 노블 보드카 40% 700ml",
            "ja": "ベルーガ ノーブル ウォッカ 40% 700ml",
            "ru": "Водка Beluga Noble 40%, 0,7 л",
            "en": "Beluga Noble Russian Vodka 40%, 700 ml",
        },
        "description": {
            "zh-hans": "以西伯利亚自流井水和麦芽酒精酿造，蒸馏后静置30天，口感圆润柔和。冰镇至4–6℃纯饮，搭配鱼子酱或腌黄瓜最为经典。",
            "ko": "시베리아의 천연 지하수와 몰트 주정으로 만들고 생산 후 30일간 안정 숙성해 부드럽고 둥근 맛을 냅니다. "
            "4~6℃로 차갑게 해서 스트레이트로, 캐비아나 피클과 함께 즐겨 보세요.",
            "ja": "シベリアの自噴井戸水とモルトスピリッツで造り、30日間休ませることで丸くなめらかな口当たりに。"
            "4〜6℃に冷やしてストレートで、キャビアやピクルスと一緒に。",
            "ru": "Водка на артезианской сибирской воде и солодовом спирте, которая «отдыхает» 30 дней, — мягкий, "
            "округлый вкус. Охладите до 4–6 °C и подавайте с икрой или солёными огурцами.",
            "en": "Made with Siberian artesian water and malt spirit, then rested for 30 days for a round, silky taste. "
            "Chill to 4–6 °C and serve neat with caviar or pickles.",
        },
    },
    {
        "sku": "RU-DRK-002",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "dalian-bonded",
        "origin": "344",
        "brand": "Beluga",
        "customs_name": "白鲸金线伏特加",
        "hs_code": "2208600000",
        "barcode": "4607028610059",
        "price": "1980.00",
        "stock": 30,
        "net_content": "1 L",
        "color": "#B08D57",
        "title": {
            "zh-hans": "白鲸 金线伏特加 40% 1升 礼盒装",
            "ko": "벨루가 골드 라인 보드카 40% 1L 선물 케이스",
            "ja": "ベルーガ ゴールドライン ウォッカ 40% 1L ギフトケース入り",
            "ru": "Водка Beluga Gold Line 40%, 1 л, в подарочном футляре",
            "en": "Beluga Gold Line Vodka 40%, 1 L, Gift Case",
        },
        "description": {
            "zh-hans": "白鲸系列的顶级款，酒液静置90天，入口格外柔顺。瓶口以蜡封口，附赠小锤和刷子，开瓶本身就是一种仪式。",
            "ko": "벨루가 라인의 최상급 제품으로 90일간 안정 숙성해 한층 부드러워요. "
            "병목은 밀랍으로 봉인되어 있고 전용 망치와 브러시가 함께 들어 있어 개봉하는 순간까지 특별합니다.",
            "ja": "ベルーガの最上位ライン。90日間休ませた原酒は格別になめらかです。"
            "ボトルの口はワックスで封印され、専用のハンマーとブラシが付属し、開栓そのものがセレモニーに。",
            "ru": "Флагман линейки Beluga: водка отдыхает 90 дней, вкус исключительно мягкий. Горлышко запечатано воском, "
            "а в комплекте молоточек и щёточка — открытие бутылки превращается в ритуал.",
            "en": "The flagship of the Beluga range, rested for 90 days for an exceptionally smooth taste. The neck is "
            "sealed with wax, and a small hammer and brush are included — opening it becomes a ceremony.",
        },
    },
    {
        "sku": "RU-DRK-003",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Russian Standard",
        "customs_name": "俄罗斯标准伏特加",
        "hs_code": "2208600000",
        "barcode": "4600023001006",
        "price": "168.00",
        "stock": 140,
        "net_content": "1 L",
        "color": "#9E1B32",
        "title": {
            "zh-hans": "俄罗斯标准 经典伏特加 40% 1升",
            "ko": "러시안 스탠다드 오리지널 보드카 40% 1L",
            "ja": "ルースキー・スタンダルト オリジナル ウォッカ 40% 1L",
            "ru": "Водка «Русский Стандарт» Original 40%, 1 л",
            "en": "Russian Standard Original Vodka 40%, 1 L",
        },
        "description": {
            "zh-hans": "以俄罗斯冬小麦和拉多加湖冰川水制成，遵循与门捷列夫之名相关的1894年伏特加标准。口感干净利落，适合纯饮或调制鸡尾酒。",
            "ko": "러시아 겨울 밀과 라도가 호수의 빙하수로 만들며, 멘델레예프의 이름과 연결된 1894년 보드카 기준을 따릅니다. "
            "깔끔하고 상쾌한 맛으로 스트레이트나 칵테일 베이스로 좋아요.",
            "ja": "ロシア産の冬小麦とラドガ湖の氷河水で造られ、メンデレーエフの名と結びつく1894年のウォッカ基準に従っています。"
            "クリーンな味わいでストレートにもカクテルにも。",
            "ru": "Водка из русской озимой пшеницы и ледниковой воды Ладожского озера, созданная по стандарту 1894 года, "
            "связанному с именем Менделеева. Чистый вкус — хороша и в чистом виде, и в коктейлях.",
            "en": "Made from Russian winter wheat and glacial water from Lake Ladoga to the 1894 vodka standard "
            "associated with Mendeleev. Clean and crisp — neat or in cocktails.",
        },
    },
    {
        "sku": "RU-DRK-004",
        "category": "spirits",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Husky",
        "customs_name": "哈士奇伏特加",
        "hs_code": "2208600000",
        "barcode": "4607080807008",
        "price": "118.00",
        "stock": 200,
        "net_content": "700 ml",
        "color": "#A7C7E7",
        "title": {
            "zh-hans": "哈士奇 西伯利亚伏特加 40% 700毫升",
            "ko": "허스키 보드카 40% 700ml",
            "ja": "ハスキー ウォッカ 40% 700ml",
            "ru": "Водка «Хаски» 40%, 0,7 л",
            "en": "Husky Vodka 40%, 700 ml",
        },
        "description": {
            "zh-hans": "来自西伯利亚的伏特加，经极低温过滤，口感清冽。瓶身印有雪橇犬图案，放进冰箱冷冻室冰透后饮用风味最佳。",
            "ko": "시베리아에서 온 보드카로 초저온 여과 공정을 거쳐 차갑고 깔끔한 맛이 납니다. "
            "썰매개가 그려진 병도 인상적이며, 냉동실에 넣어 두었다가 마시면 가장 맛있어요.",
            "ja": "シベリア生まれのウォッカで、極低温でろ過することにより澄んだキレのある味わいに。"
            "そり犬が描かれたボトルも印象的で、冷凍庫でよく冷やしてから飲むのがおすすめです。",
            "ru": "Сибирская водка, прошедшая фильтрацию при сверхнизких температурах, — чистый, морозный вкус. На бутылке — "
            "ездовая лайка; лучше всего пить хорошо охлаждённой, прямо из морозилки.",
            "en": "A Siberian vodka filtered at extremely low temperatures for a clean, icy taste. The bottle features a "
            "sled dog; best enjoyed straight from the freezer.",
        },
    },
    {
        "sku": "RU-DRK-005",
        "category": "tea-coffee",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Altaisky Kedr",
        "customs_name": "发酵柳兰叶茶（伊万茶）",
        "hs_code": "1211909999",
        "barcode": "4605501005088",
        "price": "29.90",
        "stock": 170,
        "net_content": "50 g",
        "color": "#B5446E",
        "title": {
            "zh-hans": "阿尔泰雪松 伊万茶 发酵柳兰叶茶 50克",
            "ko": "알타이스키 케드르 이반차이 발효 분홍바늘꽃차 50g",
            "ja": "アルタイスキー・ケードル イワン茶（発酵ヤナギラン茶）50g",
            "ru": "Иван-чай ферментированный листовой «Алтайский кедр», 50 г",
            "en": "Altaisky Kedr Fermented Ivan-Chai (Fireweed Tea), 50 g",
        },
        "description": {
            "zh-hans": "用阿尔泰山区野生柳兰叶按传统工艺发酵而成的俄罗斯茶饮，不含咖啡因，汤色红亮，带有蜂蜜和果干香。取一茶匙用90℃热水冲泡5–7分钟。",
            "ko": "알타이 산지의 야생 분홍바늘꽃 잎을 전통 방식으로 발효한 러시아 차로 카페인이 없고, 붉은 찻빛에 꿀과 말린 과일 향이 나요. "
            "한 티스푼을 90℃ 물에 5~7분 우려 드세요.",
            "ja": "アルタイ山地の野生のヤナギランの葉を伝統製法で発酵させた、ロシアのノンカフェインティー。"
            "赤みを帯びた水色で、はちみつやドライフルーツのような香りがします。ティースプーン1杯を90℃のお湯で5〜7分蒸らしてください。",
            "ru": "Традиционный русский чай из листьев дикого кипрея, собранного на Алтае и ферментированного по старинной "
            "технологии. Без кофеина, настой красноватый, с медовыми и фруктовыми нотами; заваривайте чайную ложку водой "
            "90 °C 5–7 минут.",
            "en": "A traditional Russian tea made from wild fireweed leaves gathered in the Altai and fermented the "
            "old-fashioned way. Caffeine-free, with a reddish infusion and notes of honey and dried fruit; steep a "
            "teaspoon in 90 °C water for 5–7 minutes.",
        },
    },
    {
        "sku": "RU-DRK-006",
        "category": "tea-coffee",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Dagomys",
        "customs_name": "克拉斯诺达尔红茶",
        "hs_code": "0902301000",
        "barcode": "4601520001001",
        "price": "39.90",
        "stock": 220,
        "net_content": "100 g",
        "color": "#7B1E1E",
        "title": {
            "zh-hans": "达戈梅斯 克拉斯诺达尔 俄罗斯红茶 100克",
            "ko": "다고미스 크라스노다르 홍차 100g",
            "ja": "ダゴミス クラスノダール産 紅茶 100g",
            "ru": "Чай чёрный байховый «Дагомысский» краснодарский, 100 г",
            "en": "Dagomys Krasnodar Black Tea, 100 g",
        },
        "description": {
            "zh-hans": "产自黑海之滨索契附近的达戈梅斯茶园，这里是世界上最北端的茶园之一。茶汤柔和、涩感轻，适合按俄式喝法加柠檬或果酱。",
            "ko": "흑해 연안 소치 인근 다고미스 차밭에서 재배한 홍차로, 세계에서 가장 북쪽에 있는 차 재배지 중 하나예요. "
            "떫은맛이 적고 부드러워 레몬이나 잼을 곁들인 러시아식으로 즐기기 좋습니다.",
            "ja": "黒海沿岸ソチ近郊のダゴミス茶園で育った紅茶で、世界最北の茶産地のひとつです。"
            "渋みが少なくまろやかなので、レモンやジャムを添えるロシア風の飲み方がおすすめ。",
            "ru": "Чай с плантаций Дагомыса под Сочи — одних из самых северных в мире. Мягкий, почти без терпкости; "
            "пейте его по-русски, с лимоном или вареньем.",
            "en": "Grown on the Dagomys estates near Sochi on the Black Sea, among the northernmost tea gardens in the "
            "world. Mild with little astringency — drink it Russian-style with lemon or jam.",
        },
    },
    {
        "sku": "RU-DRK-007",
        "category": "soft-drinks",
        "merchant": "taiga",
        "warehouse": "hunchun-bonded",
        "origin": "344",
        "brand": "Beryozovy Krai",
        "customs_name": "白桦树汁饮料",
        "hs_code": "2202999099",
        "barcode": "4608118020000",
        "price": "39.90",
        "stock": 150,
        "net_content": "2 × 1 L",
        "color": "#E9EDE0",
        "title": {
            "zh-hans": "桦树之乡 天然白桦树汁饮料 1升×2瓶",
            "ko": "베료조비 크라이 자작나무 수액 음료 1L×2병",
            "ja": "ベリョーゾヴィ・クライ 白樺樹液ドリンク 1L×2本",
            "ru": "Берёзовый сок с сахаром «Берёзовый край», 2 × 1 л",
            "en": "Beryozovy Krai Birch Sap Drink, 2 × 1 L",
        },
        "description": {
            "zh-hans": "初春时节从白桦树上采集的树汁，仅加入少量糖调味，口感清淡微甜，带有淡淡木香。冷藏后饮用更清爽，开封后请冷藏并尽快喝完。",
            "ko": "이른 봄 자작나무에서 채취한 수액에 설탕을 조금만 더해 맑고 은은하게 달며 나무 향이 살짝 느껴져요. "
            "차갑게 마시면 더 상쾌하고, 개봉 후에는 냉장 보관해 빨리 드세요.",
            "ja": "早春に白樺の木から採取した樹液に砂糖をほんの少し加えた、すっきりほの甘い飲み物。ほのかな木の香りがあり、"
            "冷やして飲むとさわやかです。開封後は冷蔵し、お早めにお飲みください。",
            "ru": "Сок, собранный с берёз ранней весной, с небольшим количеством сахара — лёгкий, чуть сладкий, с тонким "
            "древесным ароматом. Вкуснее охлаждённым; после вскрытия храните в холодильнике и выпейте за пару дней.",
            "en": "Sap tapped from birch trees in early spring and lightly sweetened — delicate, faintly sweet and gently "
            "woody. Best served chilled; refrigerate after opening and drink within a couple of days.",
        },
    },
]
