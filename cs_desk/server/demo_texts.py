"""Template text for the demo data generator (pure data, no logic).

Kept apart from demo_data.py so the generator stays readable. The dialog follows the shop
handbooks in /work/shared/seeds: greet with 亲/您好, first-responder ownership (首问负责制),
the "24小时响应、48小时解决" promise, apology before solution for complaints, several options
offered for the customer to choose, and a satisfaction survey after resolution.

Conversation templates are str.format_map templates; every placeholder they use is filled by
demo_data._conversation_vars. Snippet bodies instead keep the app's own {customer.name},
{agent.name} and {order.id} placeholders literally: the client expands those, not us.
"""

from __future__ import annotations

TEAMS: list[tuple[str, str, str]] = [
    ("presales", "售前", "Pre-sales"),
    ("aftersales", "售后", "After-sales"),
    ("complaints", "投诉", "Complaints"),
]

# (login, display name, name used in English replies, team, role); the first of each team leads it.
STAFF: list[tuple[str, str, str, str, str]] = [
    ("liuyang", "刘洋", "Liu Yang", "presales", "lead"),
    ("zhangsan", "张三", "Zhang San", "presales", "agent"),
    ("wangting", "王婷", "Wang Ting", "presales", "agent"),
    ("chenjing", "陈静", "Chen Jing", "presales", "agent"),
    ("zhaolei", "赵磊", "Zhao Lei", "presales", "agent"),
    ("sunli", "孙丽", "Sun Li", "presales", "agent"),
    ("zhoumin", "周敏", "Zhou Min", "presales", "agent"),
    ("lijuan", "李娟", "Li Juan", "aftersales", "lead"),
    ("wuhao", "吴昊", "Wu Hao", "aftersales", "agent"),
    ("zhengxin", "郑欣", "Zheng Xin", "aftersales", "agent"),
    ("heyu", "何宇", "He Yu", "aftersales", "agent"),
    ("guoqian", "郭倩", "Guo Qian", "aftersales", "agent"),
    ("linfeng", "林峰", "Lin Feng", "aftersales", "agent"),
    ("maxiaoyu", "马晓雨", "Ma Xiaoyu", "aftersales", "agent"),
    ("huangwei", "黄伟", "Huang Wei", "complaints", "lead"),
    ("xuqing", "徐晴", "Xu Qing", "complaints", "agent"),
    ("songjie", "宋杰", "Song Jie", "complaints", "agent"),
    ("tangmei", "唐梅", "Tang Mei", "complaints", "agent"),
    ("fengkai", "冯凯", "Feng Kai", "complaints", "agent"),
    ("yangfan", "杨帆", "Yang Fan", "complaints", "agent"),
]
ADMIN: dict = {"name": "admin", "display_name": "管理员", "team_id": "presales", "role": "admin", "capacity": 0}

# (surname, pinyin, relative frequency): roughly the real distribution, so 王/李/张 dominate.
SURNAMES: list[tuple[str, str, int]] = [
    ("王", "wang", 10), ("李", "li", 10), ("张", "zhang", 9), ("刘", "liu", 7), ("陈", "chen", 7),
    ("杨", "yang", 5), ("黄", "huang", 4), ("赵", "zhao", 4), ("吴", "wu", 3), ("周", "zhou", 3),
    ("徐", "xu", 3), ("孙", "sun", 2), ("马", "ma", 2), ("朱", "zhu", 2), ("胡", "hu", 2),
    ("郭", "guo", 2), ("何", "he", 2), ("林", "lin", 2), ("高", "gao", 2), ("罗", "luo", 2),
    ("郑", "zheng", 1), ("梁", "liang", 1), ("谢", "xie", 1), ("宋", "song", 1), ("唐", "tang", 1),
    ("许", "xu", 1), ("韩", "han", 1), ("冯", "feng", 1), ("邓", "deng", 1), ("曹", "cao", 1),
    ("彭", "peng", 1), ("曾", "zeng", 1), ("肖", "xiao", 1), ("田", "tian", 1), ("董", "dong", 1),
    ("潘", "pan", 1), ("袁", "yuan", 1), ("蔡", "cai", 1), ("蒋", "jiang", 1), ("余", "yu", 1),
]
GIVEN_NAMES: list[tuple[str, str]] = [
    ("芳", "fang"), ("伟", "wei"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("霞", "xia"),
    ("平", "ping"), ("刚", "gang"), ("子涵", "zihan"), ("欣怡", "xinyi"), ("梓萱", "zixuan"),
    ("浩然", "haoran"), ("宇轩", "yuxuan"), ("一诺", "yinuo"), ("雨桐", "yutong"), ("思远", "siyuan"),
    ("佳怡", "jiayi"), ("俊杰", "junjie"), ("晓东", "xiaodong"), ("海燕", "haiyan"), ("建华", "jianhua"),
    ("秀英", "xiuying"), ("志强", "zhiqiang"), ("婷婷", "tingting"), ("文博", "wenbo"), ("雪梅", "xuemei"),
    ("晨曦", "chenxi"), ("诗琪", "shiqi"), ("嘉豪", "jiahao"), ("梦瑶", "mengyao"), ("天宇", "tianyu"),
    ("丹丹", "dandan"), ("国庆", "guoqing"), ("美玲", "meiling"), ("鹏飞", "pengfei"), ("慧敏", "huimin"),
]
EN_FIRST: list[str] = [
    "Emily", "Jason", "Kevin", "Grace", "Michael", "Sophia", "David", "Linda", "Amy", "Tony",
    "Jessica", "Eric", "Cindy", "Vincent", "Daniel", "Helen", "Peter", "Anna", "Ryan", "Olivia",
]
EN_LAST: list[str] = [
    "Chen", "Wang", "Li", "Zhang", "Liu", "Lin", "Huang", "Wong", "Lee", "Tan",
    "Smith", "Brown", "Miller", "Johnson", "Taylor", "Ng", "Kim", "Nguyen",
]
ZH_MAIL_DOMAINS: list[str] = ["163.com", "126.com", "sina.com", "foxmail.com", "outlook.com", "139.com"]
EN_MAIL_DOMAINS: list[str] = ["gmail.com", "outlook.com", "hotmail.com", "icloud.com", "yahoo.com"]

# (province, capital in Chinese, capital in English, weight): weights follow online shopping volume.
REGIONS: list[tuple[str, str, str, int]] = [
    ("广东", "广州", "Guangzhou", 14), ("浙江", "杭州", "Hangzhou", 10), ("江苏", "南京", "Nanjing", 10),
    ("上海", "上海", "Shanghai", 8), ("北京", "北京", "Beijing", 8), ("山东", "济南", "Jinan", 6),
    ("四川", "成都", "Chengdu", 6), ("福建", "福州", "Fuzhou", 5), ("河南", "郑州", "Zhengzhou", 5),
    ("湖北", "武汉", "Wuhan", 5), ("湖南", "长沙", "Changsha", 4), ("河北", "石家庄", "Shijiazhuang", 3),
    ("安徽", "合肥", "Hefei", 3), ("陕西", "西安", "Xi'an", 3), ("重庆", "重庆", "Chongqing", 3),
    ("天津", "天津", "Tianjin", 2), ("辽宁", "沈阳", "Shenyang", 2), ("云南", "昆明", "Kunming", 2),
    ("广西", "南宁", "Nanning", 2), ("江西", "南昌", "Nanchang", 2), ("黑龙江", "哈尔滨", "Harbin", 1),
    ("山西", "太原", "Taiyuan", 1), ("贵州", "贵阳", "Guiyang", 1), ("新疆", "乌鲁木齐", "Urumqi", 1),
    ("香港", "香港", "Hong Kong", 1),
]

CUSTOMER_TAGS: list[str] = ["VIP", "老客户", "新客户", "价格敏感", "爱退货", "高价值", "批发", "学生"]
CUSTOMER_NOTES_ZH: list[str] = [
    "偏好顺丰发货", "周末不方便收件，请工作日派送", "对包装要求高，易碎品需加固", "曾投诉过物流时效",
    "公司采购，需要开增值税专用发票", "晚上8点后方便联系", "收件地址为学校驿站", "多次咨询未下单，价格敏感",
    "生日在12月，可推送生日券", "老客户，沟通顺畅",
]
CUSTOMER_NOTES_EN: list[str] = [
    "Prefers email contact", "Ships to office address on weekdays", "Asks for English invoices",
    "Long-time customer, very polite",
]

# (sku prefix, Chinese name, English name, unit price in cents, variant kind). Kinds: apparel has
# colours and S..XXL, shoes colours and 36..44, colour only colours, None a single sku.
PRODUCTS: list[tuple[str, str, str, int, str | None]] = [
    ("TS", "纯棉短袖T恤", "cotton T-shirt", 5900, "apparel"),
    ("HD", "加绒连帽卫衣", "fleece hoodie", 12900, "apparel"),
    ("JK", "轻薄羽绒服", "light down jacket", 29900, "apparel"),
    ("JN", "高腰直筒牛仔裤", "high-waist jeans", 13900, "apparel"),
    ("DR", "碎花雪纺连衣裙", "floral chiffon dress", 15900, "apparel"),
    ("SW", "羊毛针织开衫", "wool cardigan", 19900, "apparel"),
    ("PJ", "珊瑚绒睡衣套装", "fleece pajama set", 8900, "apparel"),
    ("RS", "透气跑步鞋", "running shoes", 32900, "shoes"),
    ("CS", "复古帆布鞋", "canvas sneakers", 9900, "shoes"),
    ("BT", "加绒马丁靴", "lined Martin boots", 25900, "shoes"),
    ("EB", "无线蓝牙耳机", "wireless Bluetooth earbuds", 19900, "colour"),
    ("PB", "20000mAh充电宝", "20000mAh power bank", 12900, "colour"),
    ("CB", "手机快充数据线", "fast-charging cable", 2900, "colour"),
    ("PC", "磁吸手机壳", "magnetic phone case", 3900, "colour"),
    ("CU", "保温杯 500ml", "500ml insulated bottle", 6900, "colour"),
    ("BP", "大容量双肩包", "large backpack", 15900, "colour"),
    ("UM", "晴雨两用折叠伞", "folding umbrella", 4900, "colour"),
    ("KT", "电热水壶 1.7L", "1.7L electric kettle", 8900, None),
    ("AF", "家用空气炸锅", "air fryer", 29900, None),
    ("RC", "智能电饭煲", "smart rice cooker", 39900, None),
    ("HM", "迷你加湿器", "mini humidifier", 7900, "colour"),
    ("DL", "护眼台灯", "eye-care desk lamp", 13900, "colour"),
    ("TB", "电动牙刷", "electric toothbrush", 15900, "colour"),
    ("HD2", "负离子吹风机", "ionic hair dryer", 22900, None),
    ("SK", "补水保湿面霜 50g", "hydrating face cream 50g", 16800, None),
    ("LS", "丝绒雾面口红", "velvet matte lipstick", 12900, None),
    ("TEA", "明前龙井茶 250g", "Longjing green tea 250g", 26800, None),
    ("NUT", "每日坚果礼盒", "daily mixed nuts gift box", 9900, None),
    ("CF", "挂耳咖啡 30包", "drip coffee, 30 bags", 5900, None),
    ("TW", "纯棉毛巾三条装", "cotton towels, pack of 3", 3900, "colour"),
    ("PL", "乳胶枕", "latex pillow", 16900, None),
    ("BS", "四件套床品", "4-piece bedding set", 29900, "colour"),
]
COLOURS: list[tuple[str, str, str]] = [
    ("白色", "white", "WH"), ("黑色", "black", "BK"), ("灰色", "grey", "GY"),
    ("藏青", "navy", "NV"), ("粉色", "pink", "PK"),
]
APPAREL_SIZES: list[str] = ["S", "M", "L", "XL", "XXL"]
SHOE_SIZES: list[str] = ["36", "37", "38", "39", "40", "41", "42", "43", "44"]

# (Chinese name, English name, tracking prefix, digits after the prefix).
COURIERS: list[tuple[str, str, str, int]] = [
    ("顺丰", "SF Express", "SF", 12), ("中通", "ZTO Express", "7", 13), ("圆通", "YTO Express", "YT", 13),
    ("韵达", "Yunda", "4", 14), ("申通", "STO Express", "77", 12), ("京东物流", "JD Logistics", "JD", 13),
    ("EMS", "EMS", "E", 11),
]
COUPONS: list[str] = ["满99减10", "满199减30", "满299减50", "满500减80", "无门槛5元"]

CHANNELS: list[str] = ["web", "wechat", "email", "taobao", "jd", "phone"]
# Chinese customers live on the marketplaces and WeChat; foreign ones write email or use the web shop.
CHANNEL_WEIGHTS_ZH: list[int] = [12, 22, 6, 32, 18, 10]
CHANNEL_WEIGHTS_EN: list[int] = [40, 5, 45, 5, 2, 3]

# Shared turns. Each pool is {"zh": [...], "en": [...]}.
CUST_HELLO = {
    "zh": ["在吗？", "你好", "客服在吗", "有人吗？", "亲，在吗", "hello，在吗"],
    "en": ["Hi there", "Hello?", "Is anyone there?", "Hi, quick question"],
}
CUST_NUDGE = {
    "zh": ["？？？", "怎么还不回复", "还在吗？", "麻烦快点，谢谢", "等了好久了", "客服？"],
    "en": ["Hello? Any update?", "Still waiting for a reply...", "Anyone?", "Could you please hurry?"],
}
CUST_PENDING = {
    "zh": ["那什么时候能给我答复？", "需要我提供什么吗？", "麻烦尽快处理一下", "好的，那你们快点"],
    "en": ["So when will I hear back?", "Do you need anything from me?", "Please sort it out soon."],
}
GREETING = {
    "zh": [
        "亲，您好！很高兴为您服务，我是客服{agent}~", "您好，欢迎光临本店，我是{agent}，很高兴为您服务！",
        "亲，{agent}在的哦，让您久等了~", "{customer}您好，我是客服{agent}，很高兴为您服务。",
        "亲，您好！", "您好，感谢您的耐心等待。",
    ],
    "en": [
        "Hi {customer}, thanks for reaching out! This is {agent_en}, happy to help.",
        "Hello, this is {agent_en} from customer service.", "Hi! Thanks for your patience.",
        "Good day {customer}, {agent_en} here.",
    ],
}
HOLD = {
    "zh": [
        "好的亲，我这边帮您查询一下，请稍等~", "收到，马上为您核实，请稍等1-2分钟哦",
        "亲，您的问题由我全程跟进，请放心~", "明白的亲，我记录一下，帮您确认后回复您",
    ],
    "en": [
        "Sure, let me check that for you. One moment please.", "Got it, I'm looking into it right now.",
        "I'll personally follow this through until it's resolved.",
    ],
}
CUST_END = {
    "zh": ["好的，谢谢", "好的，明白了", "行吧，谢谢了", "明白了，谢谢客服", "好的，辛苦了", "OK，谢谢亲"],
    "en": ["OK, thanks!", "Great, thank you.", "Got it, thanks for your help.", "Perfect, appreciate it."],
}
AGENT_END = {
    "zh": [
        "不客气哦亲，还有其他问题随时联系我们，祝您生活愉快！",
        "感谢您的理解与支持，稍后会邀请您对本次服务进行评价，麻烦给个五星好评哦~",
        "不客气，有任何问题随时找{agent}哦~", "好的亲，问题已经为您处理好了，祝您购物愉快！",
    ],
    "en": [
        "You're welcome! Let us know if there's anything else. Have a great day!",
        "Thanks for your patience. You'll receive a short satisfaction survey shortly.",
        "Happy to help. Feel free to reach out any time.",
    ],
}
# Topics where something went wrong, so the goodbye may repeat the apology.
APOLOGETIC_TOPICS: frozenset[str] = frozenset({"logistics", "damaged", "refund", "quality", "attitude", "compensation"})
AGENT_END_SORRY = {
    "zh": [
        "感谢您的耐心，给您带来的不便再次表示歉意，祝您生活愉快！",
        "再次向您致歉，后续有任何问题随时联系{agent}，我会一直跟进到底~",
    ],
    "en": [
        "Sorry again for the trouble, and thank you for your patience.",
        "Apologies again. If anything else comes up, just reply here and I'll pick it up.",
    ],
}
SYSTEM_END = {
    "zh": ["会话已解决", "会话已由{agent}标记为已解决", "已向客户发送满意度调查",
           "客户评价：非常满意 ★★★★★", "客户评价：满意 ★★★★"],
    "en": ["Conversation resolved", "Conversation marked as resolved by {agent_en}",
           "Satisfaction survey sent to customer", "Customer rating: very satisfied ★★★★★"],
}
SYSTEM_QUEUE = {
    "zh": ["当前咨询人数较多，您前面还有{queue}位，请耐心等待", "您好，客服正在接入中，请稍候"],
    "en": ["All agents are busy. You are number {queue} in the queue.", "Connecting you to an agent..."],
}
NOTES: list[str] = [
    "已联系仓库核实，明天回复客户", "客户情绪较激动，注意安抚", "首问负责：此单由我跟进到底",
    "已电话联系客户，等待客户回复", "老客户，可适当给予优惠券补偿", "退款金额较大，需要组长审批",
]

# One entry per topic. team decides routing; needs_order topics are only chosen when the customer
# had an order before the conversation; order_status lists the statuses that fit the story best.
# Lists are aligned on purpose: first[i] answers open[i] and agent_mid[i] answers cust_mid[i]
# (per language), so a reply always fits the question; the generator pairs them by index.
TOPICS: list[dict] = [
    {
        "key": "size", "team": "presales", "weight": 9, "tags": ["尺码", "咨询"], "needs_order": False,
        "products": "sized", "order_status": None,
        "subject": {"zh": ["{product}尺码咨询", "尺码怎么选", "咨询{product}的尺码"],
                    "en": ["Size question: {product_en}", "Which size should I choose?"]},
        "open": {"zh": ["你好，{product}我身高{height}cm，体重{weight}斤，穿什么码合适？",
                        "这款{product}偏大还是偏小？我平时穿{size}码", "亲，{product}有尺码表吗？我{height}，{weight}斤",
                        "请问{product}是标准码吗，想买{size}码怕不合适"],
                 "en": ["Hi, I'm {height}cm and about {weight_kg}kg. Which size of the {product_en} should I get?",
                        "Does the {product_en} run small or large? I usually wear {size}."]},
        "first": {"zh": ["根据您提供的身高体重，建议您选择{size}码哦，这款是标准尺码~",
                         "这款版型偏宽松，平时穿{size}码的亲可以考虑小一码哦",
                         "详情页第三张图就是尺码表，按您的身高体重推荐{size}码",
                         "是标准码的亲，按您平时的尺码选{size}码就可以，不合适支持七天无理由退换"],
                  "en": ["Based on your height and weight I'd recommend size {size}; it fits true to size.",
                         "It's a relaxed fit, so you could go one size down from your usual {size}."]},
        "cust_mid": {"zh": ["那如果穿着不合适可以换吗？", "面料会缩水吗？", "{size}码的还有货吗？", "肩宽是多少呀？"],
                     "en": ["Can I exchange it if it doesn't fit?", "Will it shrink after washing?",
                            "Is size {size} in stock?"]},
        "agent_mid": {"zh": ["支持七天无理由退换货的，不影响二次销售就可以，还送运费险哦~",
                             "面料是精梳棉，建议冷水手洗，基本不会缩水的", "{size}码目前有现货，今天16点前下单当天发货",
                             "详情页尺码表里有肩宽数据，{size}码是46cm哦"],
                      "en": ["Yes, we offer 7-day no-reason returns and exchanges, with return shipping insurance.",
                             "It's pre-shrunk cotton, so it keeps its size if you wash it cold.",
                             "Size {size} is in stock and ships today if you order before 4 pm."]},
        "pending": {"zh": ["亲，您可以量一下平时常穿衣服的衣长和胸围发给我，我再帮您精确推荐~"],
                    "en": ["Could you measure the length and chest of a garment that fits you well? I'll check for you."]},
        "notes": ["客户身材数据已记在备注，下次推荐尺码可参考"],
    },
    {
        "key": "stock", "team": "presales", "weight": 6, "tags": ["库存", "咨询"], "needs_order": False,
        "products": "coloured", "order_status": None,
        "subject": {"zh": ["{product}库存咨询", "什么时候补货", "{color}还有货吗"],
                    "en": ["Is the {product_en} in stock?", "Restock date?"]},
        "open": {"zh": ["{product}还有货吗？想要{color}的", "请问{product}什么时候补货？",
                        "{product}{color}的显示缺货，还会有吗", "你好，{color}的{product}能今天发吗？"],
                 "en": ["Is the {product_en} in {color_en} still available?", "When will the {product_en} be restocked?"]},
        "first": {"zh": ["{color}目前还有少量现货，喜欢的话建议尽快下单哦~",
                         "这款目前断码了，预计{days}天后补货，您可以先收藏，到货第一时间通知您",
                         "这款{color}暂时缺货，预计{days}天后到货，您可以先加购物车，补货后会提醒您",
                         "亲，{product}{color}库存充足，今天16点前付款当天发货"],
                  "en": ["We have a few left in {color_en}, so I'd suggest ordering soon.",
                         "It's out of stock right now; we expect more in about {days} days."]},
        "cust_mid": {"zh": ["可以先拍下等到货再发吗？", "别的颜色还有吗？", "预售的话大概多久能发货？"],
                     "en": ["Can I pre-order it?", "What other colours do you have?"]},
        "agent_mid": {"zh": ["可以的，拍下后按付款顺序发货，到货第一时间为您发出", "黑色和灰色库存充足，当天就能发货哦",
                             "预售一般{days}天内发出，到货后按付款顺序优先为您安排"],
                      "en": ["Yes, pre-orders ship in payment order, within about {days} days.",
                             "Black and grey are in stock and ship the same day."]},
        "pending": {"zh": ["已帮您登记到货提醒，到货后第一时间通知您哦~"],
                    "en": ["I've added you to the restock notification list; we'll message you as soon as it's back."]},
        "notes": ["已联系仓库确认{color}库存，预计{days}天后补货"],
    },
    {
        "key": "coupon", "team": "presales", "weight": 6, "tags": ["优惠券", "咨询"], "needs_order": False,
        "products": None, "order_status": None,
        "subject": {"zh": ["优惠券使用问题", "{coupon}的券用不了", "咨询优惠活动"],
                    "en": ["Coupon question", "Any discounts on the {product_en}?"]},
        "open": {"zh": ["{product}有优惠券吗？", "我领了{coupon}的券怎么用不了？", "现在下单能便宜点吗？买两件有优惠吗",
                        "下单后降价了能保价吗？"],
                 "en": ["Is there any coupon for the {product_en}?", "My coupon doesn't apply at checkout, why?"]},
        "first": {"zh": ["亲，店铺首页可以领取{coupon}的优惠券，下单时自动抵扣哦~",
                         "这张券需要订单满足使用门槛才能用，您的订单金额还差一点哦",
                         "目前店铺活动是两件9折，叠加{coupon}的券更划算", "我们支持15天价保，降价可以联系客服申请补差价"],
                  "en": ["You can claim a coupon on the shop's home page; it's applied automatically at checkout.",
                         "That coupon needs a minimum order amount; your cart is just below it."]},
        "cust_mid": {"zh": ["会员有额外折扣吗？", "那能帮我改一下价格吗？", "券过期了还能补发吗？", "学生有优惠吗？"],
                     "en": ["Do members get an extra discount?", "Can you reissue an expired coupon?"]},
        "agent_mid": {"zh": ["会员下单享95折，结算页会自动计算", "抱歉亲，价格是系统统一设置的，客服这边没办法改价哦",
                             "过期的券系统无法补发，近期还有新活动，您可以关注店铺哦",
                             "学生认证后可以领取专属9折券，在店铺首页“学生专享”入口哦"],
                      "en": ["Members get 5% off, calculated automatically at checkout.",
                             "Sorry, expired coupons can't be reissued, but a new promotion starts soon."]},
        "pending": {"zh": ["已帮您申请一张专属优惠券，审核通过后会发放到您的账户，请留意~"],
                    "en": ["I've requested a personal coupon for you; it will appear in your account once approved."]},
        "notes": ["客户价格敏感，已申请专属券待审核"],
    },
    {
        "key": "ship_time", "team": "presales", "weight": 7, "tags": ["发货时间", "咨询"], "needs_order": False,
        "products": None, "order_status": None,
        "subject": {"zh": ["发货时间咨询", "几天能到{city}", "可以发顺丰吗"],
                    "en": ["When will it ship?", "Delivery time to {city_en}"]},
        "open": {"zh": ["今天下单什么时候发货？", "{product}几天能到{city}？", "可以发顺丰吗？", "我急用，明天能到{city}吗？"],
                 "en": ["If I order today, when will it ship?", "How long does delivery to {city_en} take?"]},
        "first": {"zh": ["亲，每天16点前付款的订单当天发货，之后的次日发出哦",
                         "发往{city}一般{days}天左右送达，默认发{courier}", "可以指定顺丰的，需要补一点运费差价，下单备注就可以~",
                         "默认快递到{city}要{days}天左右，急用的话可以补差价发顺丰，一般次日达"],
                  "en": ["Orders paid before 4 pm ship the same day; later ones ship the next day.",
                         "Delivery to {city_en} usually takes about {days} days with {courier_en}."]},
        "cust_mid": {"zh": ["周末发货吗？", "可以开发票吗？", "能备注送货上门吗？"],
                     "en": ["Do you ship on weekends?", "Can I get an invoice?"]},
        "agent_mid": {"zh": ["周末也正常发货的哦", "可以开电子普通发票，下单后在订单详情里申请即可", "好的，已帮您备注送货上门"],
                      "en": ["Yes, we ship on weekends too.", "Sure, you can request an e-invoice from the order page."]},
        "pending": {"zh": ["已帮您催促仓库优先打包，发货后会短信通知您~"],
                    "en": ["I've asked the warehouse to prioritise your parcel; you'll get a text when it ships."]},
        "notes": ["客户急用，已备注仓库优先打包"],
    },
    {
        "key": "product_info", "team": "presales", "weight": 5, "tags": ["咨询"], "needs_order": False,
        "products": None, "order_status": None,
        "subject": {"zh": ["{product}商品咨询", "是否正品", "{product}质保多久"],
                    "en": ["Question about the {product_en}", "Warranty question"]},
        "open": {"zh": ["{product}是正品吗？有质保吗？", "{product}和上一代有什么区别？", "{product}是什么材质的？"],
                 "en": ["Is the {product_en} genuine? Does it come with a warranty?",
                        "Can you tell me the materials of the {product_en}?"]},
        "first": {"zh": ["亲，我们是品牌官方授权店铺，所有商品都是正品，支持专柜验货，享受一年质保哦",
                         "新款做了升级，详情页有参数对比，您可以看一下哦",
                         "材质在详情页“规格参数”里有写，我帮您确认了是环保材质，可以放心使用"],
                  "en": ["We're an authorised store; every item is genuine and covered by a one-year warranty.",
                         "The full material list is in the specifications tab; everything is certified and eco-friendly."]},
        "cust_mid": {"zh": ["有赠品吗？", "能开发票吗？", "坏了怎么保修？"],
                     "en": ["Are there any free gifts?", "How do I claim the warranty?"]},
        "agent_mid": {"zh": ["现在下单送收纳袋一个哦", "可以开电子发票的，下单后在订单详情申请即可",
                             "保修期内联系客服寄回即可，来回运费我们承担"],
                      "en": ["Orders this week come with a free storage bag.",
                             "Just contact us within the warranty period; we cover shipping both ways."]},
        "pending": {"zh": ["这个参数我帮您和厂家确认一下，24小时内回复您~"],
                    "en": ["I'll confirm that spec with the manufacturer and reply within 24 hours."]},
        "notes": ["参数问题已提交厂家确认"],
    },
    {
        "key": "logistics", "team": "aftersales", "weight": 14, "tags": ["物流"], "needs_order": True,
        "products": None, "order_status": ["shipped", "delivered", "paid"],
        "subject": {"zh": ["订单{order}物流查询", "快递没到", "物流{days}天没更新", "显示签收但没收到"],
                    "en": ["Where is my order {order}?", "Parcel not delivered"]},
        "open": {"zh": ["我的订单{order}怎么还没到？已经{days}天了", "快递显示已签收，但我没收到啊，订单{order}",
                        "物流{days}天没更新了，订单号{order}", "帮我查一下订单{order}到哪了"],
                 "en": ["My order {order} still hasn't arrived after {days} days.",
                        "Tracking says delivered but I never got it. Order {order}."]},
        "first": {"zh": ["非常抱歉让您久等了，已为您查询到，包裹由{courier}配送，运单号{tracking}，目前在{city}转运中心，预计1-2天内送达",
                         "包裹显示已签收，麻烦您先看下是否放在快递柜或驿站，或者家人代收了哦",
                         "非常抱歉让您久等了，我马上为您查询订单{order}的物流~",
                         "已为您查询到，包裹由{courier}配送，运单号{tracking}，目前在{city}转运中心，预计明天送达"],
                  "en": ["Sorry for the wait. Your parcel is with {courier_en}, tracking number {tracking}; "
                         "it's at the {city_en} hub and should arrive within 1-2 days.",
                         "It shows as delivered. Could you check the parcel locker or with your neighbours?"]},
        "cust_mid": {"zh": ["能催一下吗？我很急", "快递员电话打不通", "驿站也没有，问了家人也没收到", "能给我换个快递吗"],
                     "en": ["Could you chase it? I need it urgently.", "I checked everywhere, it's not here."]},
        "agent_mid": {"zh": ["已经帮您联系{courier}加急派送，24小时内给您回复",
                             "我这边联系{courier}网点，让快递员主动给您回电",
                             "我已向快递公司提交查件工单，如果确认丢件，我们会为您补发或全额退款，请您放心",
                             "已发出的包裹没办法更换快递，这个问题由我全程跟进，有进展第一时间联系您"],
                      "en": ["I've opened a trace request with {courier_en}; you'll hear from us within 48 hours.",
                             "If the parcel is lost we'll resend it or refund you in full."]},
        "pending": {"zh": ["已向{courier}提交查件申请，24小时内回复您处理结果，请您耐心等待~"],
                    "en": ["I've filed a trace request with {courier_en} and will update you within 24 hours."]},
        "notes": ["已联系{courier}网点核实，疑似丢件，明天回复客户", "已联系仓库核实发货记录，明天回复客户"],
    },
    {
        "key": "return", "team": "aftersales", "weight": 10, "tags": ["退货"], "needs_order": True,
        "products": None, "order_status": ["delivered"],
        "subject": {"zh": ["申请七天无理由退货", "订单{order}退货", "退货怎么操作"],
                    "en": ["Return request for order {order}", "How do I return an item?"]},
        "open": {"zh": ["订单{order}的{product}不太喜欢，可以退吗？", "我想申请七天无理由退货，怎么操作？",
                        "{product}用着不合适，想退货，订单{order}"],
                 "en": ["I'd like to return the {product_en} from order {order}.", "How does the 7-day return work?"]},
        "first": {"zh": ["可以的亲，您的订单{order}还在七天无理由退货期内，请保持吊牌和包装完整哦",
                         "支持七天无理由退货的，商品不影响二次销售就可以，在订单详情页点“申请售后”选择退货退款就行",
                         "可以退的亲，订单{order}在七天无理由期内，在订单详情页点“申请售后”就可以了"],
                  "en": ["Sure, order {order} is within the 7-day no-reason return window. "
                         "Please keep the tags and packaging intact.",
                         "Unused items with tags can be returned within 7 days of delivery; just click "
                         "'Request after-sales service' on the order page."]},
        "cust_mid": {"zh": ["退货运费谁出？", "退货地址是哪里？", "吊牌剪了还能退吗？"],
                     "en": ["Who pays for return shipping?", "Where do I send it?"]},
        "agent_mid": {"zh": ["您的订单有运费险，退货运费会自动理赔到您的账户哦",
                             "申请通过后会自动显示退货地址，寄回时请备注订单号{order}",
                             "抱歉亲，吊牌剪掉会影响二次销售，无法办理无理由退货，质量问题除外"],
                      "en": ["Your order has return shipping insurance, so the fee is refunded automatically.",
                             "The return address appears once the request is approved; please note order {order}."]},
        "pending": {"zh": ["退货申请已为您审核通过，请在{days}天内寄回并填写运单号哦~"],
                    "en": ["Your return is approved. Please ship it within {days} days and enter the tracking number."]},
        "notes": ["退货已审核，等待客户寄回"],
    },
    {
        "key": "exchange", "team": "aftersales", "weight": 6, "tags": ["换货", "尺码"], "needs_order": True,
        "products": None, "order_status": ["delivered"],
        "subject": {"zh": ["换货申请", "订单{order}换{swap}"], "en": ["Exchange request for order {order}"]},
        "open": {"zh": ["订单{order}的{product}能换成{swap}吗？", "买的{product}不太合适，想换{swap}，怎么操作？",
                        "收到的{product}发错了，我要换{swap}，订单{order}"],
                 "en": ["Can I exchange the {product_en} from order {order} for {swap_en}?"]},
        "first": {"zh": ["可以换的亲，请在订单详情申请换货，我们收到退回的商品后第一时间给您寄出{swap}哦",
                         "亲，在订单详情页点击“申请售后”选择换货，填写需要的{swap}，收到退回商品后1-2个工作日发出哦",
                         "非常抱歉是我们发错货了，来回运费由我们承担，马上为您安排换{swap}"],
                  "en": ["Of course. Request an exchange on the order page; we ship {swap_en} as soon as the return arrives."]},
        "cust_mid": {"zh": ["换货要多久？", "新的可以先发吗？"], "en": ["How long does an exchange take?"]},
        "agent_mid": {"zh": ["仓库收到退货后1-2个工作日内发出换货", "已帮您申请先换后退，新的今天就安排发出"],
                      "en": ["The new item ships within 1-2 working days after we receive the return."]},
        "pending": {"zh": ["换货申请已提交，等您寄回后我们会尽快安排发出~"],
                    "en": ["The exchange is registered; we'll ship the new item once yours is back."]},
        "notes": ["已申请先换后退，仓库今天发出"],
    },
    {
        "key": "refund", "team": "aftersales", "weight": 9, "tags": ["退款"], "needs_order": True,
        "products": None, "order_status": ["refunded", "delivered", "cancelled"],
        "subject": {"zh": ["退款进度查询", "订单{order}退款没到账", "退款{amount}元处理中"],
                    "en": ["Refund status for order {order}"]},
        "open": {"zh": ["订单{order}的退款什么时候到账？", "退货已经寄回去{days}天了，怎么还没退款？订单{order}",
                        "退款{amount}元一直显示处理中"],
                 "en": ["When will I get the refund for order {order}?", "I returned the item {days} days ago, no refund yet."]},
        "first": {"zh": ["已为您查询，仓库已签收您的退货，退款{amount}元已原路退回，一般1-3个工作日到账",
                         "查询到您的退货仓库昨天才签收，签收后48小时内为您处理退款，请放心",
                         "已为您查询，退款{amount}元已原路退回，一般1-3个工作日到账"],
                  "en": ["The warehouse received your return; the refund of ¥{amount} has been sent back to your "
                         "original payment method and should arrive in 1-3 working days."]},
        "cust_mid": {"zh": ["能不能快点，我着急用钱", "支付宝里没看到啊", "退到哪里了？"],
                     "en": ["I don't see it in my account.", "Can you speed it up?"]},
        "agent_mid": {"zh": ["已帮您加急处理，今天内完成退款", "退款是原路返回的，如果用的花呗会退回花呗额度哦",
                             "原路退回到您付款的账户，银行卡可能需要3-5个工作日，请您留意一下"],
                      "en": ["Card refunds can take 3-5 working days to show up.", "I've escalated it; it will go out today."]},
        "pending": {"zh": ["已提交财务加急处理，24小时内给您回复到账情况"],
                    "en": ["I've asked finance to expedite it and will update you within 24 hours."]},
        "notes": ["退款{amount}元已提交财务加急"],
    },
    {
        "key": "invoice", "team": "aftersales", "weight": 4, "tags": ["发票"], "needs_order": True,
        "products": None, "order_status": ["delivered", "shipped", "paid"],
        "subject": {"zh": ["发票申请", "订单{order}开发票", "发票抬头修改"], "en": ["Invoice for order {order}"]},
        "open": {"zh": ["订单{order}需要开增值税专用发票，怎么开？", "发票抬头写错了能重开吗？", "订单{order}的发票什么时候发给我？"],
                 "en": ["I need an invoice for order {order}.", "The invoice title is wrong, can you reissue it?"]},
        "first": {"zh": ["可以开的，请提供公司名称和税号，我们48小时内开具并发送到您的邮箱",
                         "可以重开的亲，请把正确的抬头和税号发给我",
                         "发票会在48小时内开具并发送到您的邮箱，请注意查收哦"],
                  "en": ["Sure, please send the company name and tax ID; the e-invoice will be emailed within 48 hours.",
                         "Of course, just send me the correct title and tax ID and we'll reissue it."]},
        "cust_mid": {"zh": ["发到我的邮箱{email}就行", "抬头是个人，不用税号吧？"],
                     "en": ["Please send it to {email}.", "It's for personal use, no tax ID."]},
        "agent_mid": {"zh": ["好的，已登记邮箱{email}", "个人抬头不需要税号的哦"],
                      "en": ["Noted, it will go to {email}.", "No problem, personal invoices don't need a tax ID."]},
        "pending": {"zh": ["开票信息已提交财务，48小时内发送到您的邮箱，请注意查收~"],
                    "en": ["Your invoice request is with finance; expect it by email within 48 hours."]},
        "notes": ["专票信息已提交财务"],
    },
    {
        "key": "damaged", "team": "aftersales", "weight": 6, "tags": ["破损", "退款"], "needs_order": True,
        "products": None, "order_status": ["delivered", "shipped"],
        "subject": {"zh": ["商品破损", "{product}收到是坏的", "订单{order}破损处理"], "en": ["Damaged item in order {order}"]},
        "open": {"zh": ["收到的{product}是坏的！外包装都压扁了", "订单{order}的{product}有破损，怎么处理",
                        "{product}打开就有裂痕"],
                 "en": ["The {product_en} arrived damaged, the box was crushed.", "Order {order}: the item is broken."]},
        "first": {"zh": ["非常抱歉给您带来不好的体验，麻烦您拍一下商品破损处和外包装的照片发给我们",
                         "亲，非常抱歉！请提供一下破损照片，我们核实后马上为您处理"],
                  "en": ["I'm very sorry about that. Could you send photos of the damage and the packaging?"]},
        "cust_mid": {"zh": ["[图片]", "照片已经发了", "我要重新发一个新的"],
                     "en": ["[image]", "Photos sent.", "I'd like a replacement."]},
        "agent_mid": {"zh": ["收到照片了，确认是运输破损。给您两个方案：1. 免费补发新的；2. 全额退款{amount}元，您看选哪个？",
                             "收到了，正在为您登记处理，请稍等", "已为您安排补发，今天发出，破损的不用寄回了"],
                      "en": ["Thanks, it's transit damage. We can resend a new one for free or refund ¥{amount}; "
                             "which do you prefer?", "Got them, thank you. Registering the claim now.",
                             "A replacement ships today; no need to send the broken one back."]},
        "pending": {"zh": ["麻烦您提供一下破损处的照片，收到后我们48小时内给您处理方案~"],
                    "en": ["Please send photos of the damage; we'll propose a solution within 48 hours."]},
        "notes": ["运输破损，已向{courier}发起理赔"],
    },
    {
        "key": "quality", "team": "complaints", "weight": 7, "tags": ["投诉", "质量问题"], "needs_order": True,
        "products": None, "order_status": ["delivered"],
        "subject": {"zh": ["质量问题投诉", "{product}质量太差", "投诉：订单{order}质量问题"],
                    "en": ["Quality complaint: {product_en}"]},
        "open": {"zh": ["你们的{product}质量太差了！用了{days}天就坏了", "{product}洗了一次就掉色起球，这是正品吗？",
                        "我要投诉，{product}质量有问题，订单{order}"],
                 "en": ["The {product_en} broke after {days} days. This is unacceptable.",
                        "I want to complain about the quality of order {order}."]},
        "first": {"zh": ["非常抱歉给您带来不好的体验，您的心情我们非常理解。请放心，这个问题由我全程负责跟进",
                         "非常抱歉！麻烦您提供一下问题的照片或视频，我们核实后马上为您处理"],
                  "en": ["I'm truly sorry. I understand how frustrating this is, and I'll own this until it's solved.",
                         "Sorry to hear that. Could you send a photo or video of the problem?"]},
        "cust_mid": {"zh": ["这已经是第二次了", "我要求退款并且赔偿", "你们打算怎么解决？"],
                     "en": ["This is the second time.", "I want a refund and compensation."]},
        "agent_mid": {"zh": ["非常抱歉，已将问题反馈给品控部门，会对这批货进行检查",
                             "可以的，为您全额退款{amount}元，并补偿一张10元无门槛券",
                             "我们提供两个方案：全额退款{amount}元，或者换新并补偿一张10元无门槛券，您看哪个更合适？"],
                      "en": ["I'm so sorry it happened again; I've reported the batch to quality control.",
                             "We can refund ¥{amount} in full, or replace it and add a ¥10 coupon. Which works for you?"]},
        "pending": {"zh": ["已将您的问题升级给主管处理，我们承诺24小时内响应、48小时内给您解决方案"],
                    "en": ["I've escalated this to my supervisor; you'll hear from us within 24 hours."]},
        "notes": ["已升级至组长{lead}，建议退款+补偿优惠券", "同批次已有多起类似投诉，已反馈品控"],
    },
    {
        "key": "attitude", "team": "complaints", "weight": 3, "tags": ["投诉", "服务态度"], "needs_order": False,
        "products": None, "order_status": None,
        "subject": {"zh": ["投诉客服态度", "客服不回复", "服务态度差"], "en": ["Complaint about service"]},
        "open": {"zh": ["我要投诉你们的客服，态度太差了", "之前问的问题客服一直不回复，什么态度",
                        "客服说话很不耐烦，我要求给个说法"],
                 "en": ["I want to complain about the agent I talked to yesterday.", "Nobody answered my messages for hours."]},
        "first": {"zh": ["亲，非常抱歉给您带来不愉快的体验，我是投诉专员{agent}，您反映的问题我会全程跟进处理",
                         "非常抱歉，您的反馈我们非常重视，麻烦您说一下具体情况"],
                  "en": ["I'm very sorry about that experience. I'm {agent_en} and I'll handle your complaint personally."]},
        "cust_mid": {"zh": ["我之前等了一个小时都没人回", "你们必须给我道歉", "希望你们好好培训一下"],
                     "en": ["I waited an hour for a reply.", "I expect an apology."]},
        "agent_mid": {"zh": ["您反映的情况已经核实，确实是我们的服务不到位，向您诚恳致歉",
                             "再次向您诚恳致歉，为表歉意，已给您账户发放一张20元无门槛优惠券",
                             "我们会对相关客服进行培训和考核，避免类似情况再次发生"],
                      "en": ["We've reviewed the chat and you're right; please accept our sincere apology.",
                             "Please accept our apology; we've added a ¥20 coupon to your account."]},
        "pending": {"zh": ["正在调取聊天记录核实，24小时内给您答复"],
                    "en": ["I'm reviewing the chat history and will reply within 24 hours."]},
        "notes": ["已调取聊天记录核实，涉事客服已约谈"],
    },
    {
        "key": "compensation", "team": "complaints", "weight": 4, "tags": ["投诉", "赔偿"], "needs_order": True,
        "products": None, "order_status": ["shipped", "delivered", "paid"],
        "subject": {"zh": ["要求赔偿", "订单{order}延迟发货赔偿", "虚假宣传投诉"], "en": ["Compensation request, order {order}"]},
        "open": {"zh": ["订单{order}延迟发货{days}天，耽误了我的事，要求赔偿", "你们宣传的和实际不符，我要求赔偿，订单{order}",
                        "说好的48小时发货，现在都{days}天了，必须赔偿"],
                 "en": ["Order {order} shipped {days} days late. I expect compensation."]},
        "first": {"zh": ["非常抱歉，延迟发货确实是我们的责任，按照平台规则我们会给您相应补偿",
                         "您的诉求我们收到了，我先核实一下订单{order}的情况，请稍等",
                         "非常抱歉没有按承诺时间发货，这是我们的责任，会按规则给您补偿"],
                  "en": ["I'm sorry, the delay is our fault and we will compensate you according to the platform rules."]},
        "cust_mid": {"zh": ["补偿多少？", "这个补偿太少了", "不赔偿我就去平台投诉"],
                     "en": ["How much?", "That's not enough."]},
        "agent_mid": {"zh": ["经核实，为您补偿{comp}元，24小时内退回到您的支付账户",
                             "理解您的心情，我向组长申请一下更高的补偿，请稍等",
                             "理解您的心情，这个问题由我负责到底，一定尽快给您满意的答复"],
                      "en": ["We'll compensate ¥{comp}, credited to your payment account within 24 hours.",
                             "I understand. Let me ask my lead to approve a higher amount."]},
        "pending": {"zh": ["补偿方案需要组长审批，24小时内给您答复"],
                    "en": ["The compensation needs my lead's approval; you'll have an answer within 24 hours."]},
        "notes": ["补偿{comp}元待组长{lead}审批"],
    },
    {
        "key": "suggestion", "team": "complaints", "weight": 3, "tags": ["建议"], "needs_order": False,
        "products": None, "order_status": None,
        "subject": {"zh": ["购物建议", "关于包装的建议", "功能建议"], "en": ["Suggestion"]},
        "open": {"zh": ["建议你们包装能不能环保一点，塑料太多了", "希望能增加货到付款", "你们APP查物流太不方便了"],
                 "en": ["Suggestion: please use less plastic in the packaging.", "Could you add PayPal as a payment option?"]},
        "first": {"zh": ["亲，感谢您的宝贵建议！我们已经记录下来并反馈给相关部门",
                         "谢谢您的反馈，这对我们改进服务非常重要"],
                  "en": ["Thank you for the suggestion! I've passed it on to the team."]},
        "cust_mid": {"zh": ["大概什么时候能改进？", "希望能重视一下"], "en": ["Will you actually change it?"]},
        "agent_mid": {"zh": ["相关部门会评估，有结果会通知您", "已经提交到产品改进清单，感谢您的支持"],
                      "en": ["It's on the improvement list; we'll let you know."]},
        "pending": {"zh": ["建议已转交运营部门评估，有结果第一时间告诉您"],
                    "en": ["Your suggestion is with our operations team; we'll get back to you."]},
        "notes": ["客户建议已汇总到月度改进清单"],
    },
]

# Canned replies: (shortcut stem, category, team or None for every team, title, body). The generator
# derives tone variants from these to reach the requested count.
SNIPPETS: list[tuple[str, str, str | None, str, str]] = [
    ("greeting", "售前咨询", None, "欢迎语", "亲，您好！很高兴为您服务，我是{agent.name}，请问有什么可以帮您？"),
    ("size-guide", "售前咨询", "presales", "尺码推荐", "亲，麻烦提供一下您的身高体重，{agent.name}帮您推荐合适的尺码哦~"),
    ("stock-check", "售前咨询", "presales", "库存确认", "亲，这款目前有现货，今天16点前付款当天发货哦。"),
    ("coupon-how", "售前咨询", "presales", "优惠券使用", "店铺首页可领取优惠券，下单结算时自动抵扣，满足门槛即可使用。"),
    ("ship-time", "售前咨询", "presales", "发货时间", "每天16点前付款的订单当天发货，16点后次日发出，默认中通/圆通，可补差价发顺丰。"),
    ("genuine", "售前咨询", "presales", "正品保证", "我们是品牌官方授权店铺，所有商品均为正品，支持专柜验货，假一赔十。"),
    ("price-protect", "售前咨询", "presales", "价格保护", "本店支持15天价保，购买后降价可联系客服申请补差价。"),
    ("member-discount", "售前咨询", "presales", "会员折扣", "会员下单享95折，结算时自动计算，积分可抵现。"),
    ("presale-ship", "售前咨询", "presales", "预售发货", "预售商品按付款顺序发货，预计7天内发出，请您耐心等待。"),
    ("logistics-query", "物流", "aftersales", "物流查询", "亲，已为您查询到订单{order.id}的物流信息，包裹正在派送途中，请注意接听快递电话。"),
    ("tracking-info", "物流", "aftersales", "运单号", "您的订单{order.id}已发货，运单号可在订单详情中查看，预计2-4天送达。"),
    ("express-signed", "物流", "aftersales", "显示签收未收到", "包裹显示已签收，麻烦您先确认快递柜、驿站或家人是否代收，若仍未找到我们马上为您核实。"),
    ("lost-parcel", "物流", "aftersales", "丢件处理", "非常抱歉，经核实包裹丢失，我们将为您免费补发或全额退款，您看选择哪种方式？"),
    ("urge-delivery", "物流", "aftersales", "催件", "已帮您联系快递加急派送，24小时内给您回复，请您放心。"),
    ("sf-upgrade", "物流", "aftersales", "改发顺丰", "可以改发顺丰的，需补运费差价，下单时备注即可。"),
    ("return-7days", "退换货", "aftersales", "七天无理由退货", "本店支持七天无理由退货，商品不影响二次销售即可，请在订单详情点击“申请售后”。"),
    ("return-address", "退换货", "aftersales", "退货地址", "退货申请通过后系统会显示退货地址，寄回时请在包裹内备注订单号{order.id}。"),
    ("exchange-size", "退换货", "aftersales", "换尺码", "可以换的亲，请在订单详情申请换货并选择需要的尺码，收到退回商品后1-2个工作日发出。"),
    ("return-freight", "退换货", "aftersales", "退货运费", "您的订单有运费险，退货运费会自动理赔到您的账户；非质量问题运费由买家承担。"),
    ("tag-removed", "退换货", "aftersales", "吊牌已剪", "抱歉亲，吊牌剪掉会影响二次销售，无法办理无理由退货，质量问题除外。"),
    ("warranty", "售后政策", None, "质保说明", "商品享受一年质保，非人为损坏免费维修或更换，来回运费由我们承担。"),
    ("promise-sla", "售后政策", None, "服务承诺", "我们承诺24小时内响应，48小时内解决，请您放心。"),
    ("first-owner", "售后政策", None, "首问负责", "{customer.name}您好，这个问题由我{agent.name}全程跟进，直到为您解决。"),
    ("damage-photo", "售后政策", "aftersales", "破损拍照", "非常抱歉，麻烦您拍一下商品破损处和外包装的照片，我们核实后马上处理。"),
    ("resend", "售后政策", "aftersales", "补发", "已为您安排补发，今天发出，原商品无需寄回。"),
    ("apology", "投诉处理", "complaints", "致歉", "非常抱歉给您带来不好的体验，您的心情我们非常理解，我们一定给您一个满意的处理结果。"),
    ("escalate", "投诉处理", "complaints", "升级处理", "您的问题已升级给主管处理，24小时内会有专人联系您。"),
    ("compensation-offer", "投诉处理", "complaints", "补偿方案", "为表歉意，我们提供两个方案：全额退款，或换新并补偿10元无门槛券，您看哪个更合适？"),
    ("complaint-followup", "投诉处理", "complaints", "投诉回访", "{customer.name}您好，想跟您确认一下之前的问题是否已经解决，对处理结果还满意吗？"),
    ("calm-down", "投诉处理", "complaints", "安抚情绪", "理解您的心情，请您先别着急，我马上核实情况，一定给您一个答复。"),
    ("quality-feedback", "投诉处理", "complaints", "质量反馈", "感谢您的反馈，问题已提交品控部门，会对同批次商品进行检查。"),
    ("invoice-e", "支付发票", None, "电子发票", "可以开电子普通发票，下单后在订单详情中申请，48小时内发送到您的邮箱。"),
    ("invoice-vat", "支付发票", None, "增值税专票", "开具专票请提供公司名称、税号、地址电话和开户行账号，48小时内寄出。"),
    ("refund-time", "支付发票", None, "退款时效", "退款已原路退回，支付宝/微信1-3个工作日到账，银行卡3-5个工作日。"),
    ("huabei-refund", "支付发票", "aftersales", "花呗退款", "使用花呗支付的订单，退款会退回花呗额度，如已还款会退回余额。"),
    ("payment-failed", "支付发票", None, "支付失败", "支付失败可能是银行卡限额，建议更换支付方式或稍后再试。"),
    ("refund-policy", "售后政策", None, "退款政策", "仓库签收退货后48小时内为您处理退款，{order.id}的退款进度可在订单详情查看。"),
    ("hold-on", "通用", None, "请稍等", "好的亲，我这边帮您查询一下，请稍等1-2分钟哦~"),
    ("thanks", "通用", None, "感谢", "感谢您的耐心等待与理解，{agent.name}祝您生活愉快！"),
    ("closing", "通用", None, "结束语", "还有其他问题随时联系我们哦，祝您购物愉快！"),
    ("survey", "通用", None, "满意度邀请", "稍后会邀请您对本次服务进行评价，麻烦给{agent.name}一个五星好评哦~"),
    ("order-confirm", "通用", None, "订单确认", "{customer.name}您好，请核对订单{order.id}的收货地址和电话是否正确。"),
    ("en-greeting", "通用", None, "English greeting", "Hi {customer.name}, this is {agent.name}. How can I help you today?"),
    ("en-tracking", "物流", "aftersales", "English tracking", "Your order {order.id} has shipped and should arrive in 2-4 days."),
    ("en-return", "退换货", "aftersales", "English returns", "We offer 7-day no-reason returns as long as the item is unused with tags attached."),
    ("en-refund", "支付发票", "aftersales", "English refund", "Your refund for order {order.id} has been issued; it takes 1-5 working days to arrive."),
    ("en-apology", "投诉处理", "complaints", "English apology", "I'm very sorry for the trouble, {customer.name}. I'll personally follow this up until it's solved."),
    ("en-closing", "通用", None, "English closing", "Thanks for contacting us. Have a great day!"),
]
# Tone variants as (Chinese title suffix, English title suffix, Chinese prefix, Chinese suffix,
# English prefix, English suffix). English prefixes end a line, as an email greeting would.
SNIPPET_VARIANTS: list[tuple[str, str, str, str, str, str]] = [
    ("", "", "", "", "", ""),
    ("（称呼版）", " (by name)", "{customer.name}您好，", "", "Dear {customer.name},\n", ""),
    ("（署名版）", " (signed)", "", "——客服{agent.name}", "", "\n{agent.name}"),
    ("（亲切版）", " (friendly)", "亲~", "有问题随时找我们哦~", "Hi there!\n", " Feel free to reach out any time."),
    ("（正式版）", " (formal)", "尊敬的顾客您好，", "感谢您的支持。", "Dear customer,\n", "\nKind regards"),
]
