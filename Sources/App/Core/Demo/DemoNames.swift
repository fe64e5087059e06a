/// Word pools for believable synthetic people, companies and places (no real persons).
enum DemoNames {
    static let surnames = Array("李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃")
    static let givenFirst = Array("建志明永国海春晓丽秀桂玉美金伟文子俊嘉雅思佳欣家宏少振锦梓浩雪慧")
    static let givenSecond = Array("华平军强英芳敏静涛辉霞燕勇杰娟艳斌超琳红鹏洁宇婷坤凯瑶杨峰琴彬莉萍霖")
    static let companyStems = [
        "宏达", "金诚", "顺发", "联创", "恒利", "永盛", "华美", "鑫源", "科达", "美辰", "利达", "精工", "汇丰",
        "嘉信", "伟业", "兴隆", "天成", "富康", "力拓", "新锐", "广和", "瑞丰", "德隆", "众诚", "万昌", "海纳", "安捷", "盛世", "源通",
        "泰和", "明珠", "星光", "华晨", "长青", "中顺", "裕丰", "金辉", "荣泰", "宏图", "佳宁",
    ]
    static let companyTrades = [
        ("五金制品", "manufacturing"), ("电器", "manufacturing"), ("家具", "manufacturing"), ("塑料制品", "manufacturing"),
        ("纺织", "manufacturing"), ("建筑工程", "construction"), ("物流", "logistics"), ("商贸", "retail"), ("餐饮管理", "hospitality"),
        ("物业服务", "services"), ("电子科技", "it"), ("农业发展", "agriculture"),
    ]
    static let villages = ["东村", "西村", "南岸村", "北滘村", "新联村"]
    static let communities = ["镇中社区", "富民社区", "河滨社区"]
    /// Home county codes (GB/T 2260): local, and the provinces migrant workers commonly come from.
    static let localRegions = ["440606", "440604", "440605"]
    static let migrantRegions = ["430521", "430726", "450881", "450721", "510922", "511324", "360731", "421182", "522127", "411523"]
    static let ethnicities = ["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "壮族", "苗族", "土家族", "瑶族"]
    static let streets = ["工业大道", "兴业路", "环镇北路", "创业路", "富民大道", "沿江路", "科技路", "商贸街"]

    static func person<G: RandomNumberGenerator>(_ g: inout G) -> String {
        let s = String(surnames.pick(using: &g))
        if Int.random(in: 0..<4, using: &g) == 0 { return s + String(givenSecond.pick(using: &g)) }
        return s + String(givenFirst.pick(using: &g)) + String(givenSecond.pick(using: &g))
    }
}
