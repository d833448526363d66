"""Rules learnt from reading the development corpus, each tested on sentences written for this file."""

from __future__ import annotations

from datetime import date

from indcli import extract_document
from indcli.documents import decode, infer_date


def facts(text, when=date(2022, 2, 1), province="江苏"):
    return extract_document(text, source="t.txt", doc_date=when, province=province)


def test_a_date_is_inferred_from_a_dateline_or_from_the_year_reported():
    assert infer_date("标题\n2023-07-09 08:00 来源：某报\n正文")[0] == date(2023, 7, 9)
    when, basis = infer_date("2023年，全省实现生产总值5万亿元，增长6%。今年一季度开局良好。")
    assert when.year == 2024 and "2023" in basis
    # a horizon year (力争到2027年) is not the year a document reports on
    assert infer_date("2022年，全省工业增长5%。力争到2027年营收翻番。")[0].year == 2023
    assert infer_date("前三季度工业增长较快。") is None


def test_without_a_date_figures_that_need_it_are_left_out_with_a_warning():
    warnings: list[str] = []
    got = extract_document("前三季度全省规上工业增加值增长6.2%。力争到2027年营收达到1万亿元。", source="x.txt",
                           doc_date=None, province="湖北", warnings=warnings)
    assert [f.period_label for f in got] == ["2027年"]
    assert warnings and "--date" in warnings[0]


def test_figures_about_several_provinces_at_once_are_not_given_to_one():
    got = facts("2021年，苏浙沪经济总量相加超过25万亿元。这3个省份的经济总量均增长7%以上。")
    assert got == []


def test_a_national_yardstick_is_a_fact_of_the_nation_not_of_the_province():
    # the gold conventions (and SPEC: 全国 for a national figure) annotate the yardstick as the nation's figure
    got = facts("2021年，江苏地区生产总值两年平均增长6.2%，超过全国5.1%的水平。")
    assert [(f.value, f.province, f.measure, f.metric) for f in got] == [
        (6.2, "江苏", "cagr", "地区生产总值"), (5.1, "全国", "cagr", "地区生产总值")]


def test_a_move_in_the_ranking_is_not_a_rank_but_a_difference_in_places():
    got = facts("1-5月全省规上工业增加值增长8.1%，排名跃升至全国第8位，较一季度提升5位。", when=date(2025, 6, 20),
                province="湖南")
    assert [(f.measure, f.value, f.unit, f.scope) for f in got] == [
        ("growth", 8.1, "%", ""), ("rank", 8.0, "位", "全国"), ("diff", 5.0, "位", "一季度")]
    (back,) = [f for f in facts("上半年，全省规上工业增加值增速居全国第15位，比上年同期后退2位。",
                                when=date(2024, 7, 22), province="河北") if f.measure == "diff"]
    assert (back.measure, back.value, back.unit) == ("diff", -2.0, "位")


def test_a_headline_with_spaces_splits_into_clauses():
    got = facts("湖南前三季度领跑中部 规上工业增加值同比增长7.1%", when=date(2023, 10, 25), province="湖南")
    assert sorted((f.metric, f.measure, f.value) for f in got) == [("规模以上工业增加值", "growth", 7.1),
                                                                  ("规模以上工业增加值", "rank", 1.0)]  # 领跑中部: first


def test_a_list_ending_in_deng_pairs_items_with_values_and_keeps_the_head_noun():
    got = facts("2021年，全省风电机组、光伏组件等新能源产品产量分别增长31%和27%。")
    assert {(f.metric, f.value) for f in got} == {("风电机组产量", 31.0), ("光伏组件产量", 27.0)}


def test_two_year_average_growth_spans_two_years():
    (f,) = [f for f in facts("2021年，全省第二产业增加值两年平均增长6.0%。") if f.measure == "cagr"]
    assert (f.period_start.year, f.period_end.year) == (2020, 2021)


def test_literal_backslash_n_from_a_scraper_is_a_line_break():
    got = facts("前三季度全省规上工业增加值增长百分之七\\n消费增长百分之五点一。", when=date(2025, 10, 30), province="湖北")
    assert sorted(f.value for f in got) == [5.1, 7.0]


def test_gbk_and_big5_documents_decode():
    text = "全省规上工业增加值增长7.7%。"
    assert decode(text.encode("gb18030")) == text
    assert decode("全省規上工業增加值增長7.7%。".encode("big5")) == "全省規上工業增加值增長7.7%。"


def test_goals_in_a_plan_documents_goals_part_are_targets_for_its_horizon():
    text = ("某省工业发展“十五五”规划\n\n一、发展基础\n\n2025年，全省规上工业企业达到9000家。\n\n"
            "二、重点任务\n\n培育100家单项冠军企业，建成20个智能工厂。\n")
    got = extract_document(text, source="plan.txt", doc_date=date(2026, 3, 1), province="江西")
    by = {f.value: (f.kind, f.period_label) for f in got}
    assert by[9000.0] == ("actual", "2025年")
    assert by[100.0] == ("target", "2030年") and by[20.0] == ("target", "2030年")


def test_us_dollars_and_tonnes_keep_their_units():
    got = facts("2021年，全省出口总额达到320亿美元，粮食产量突破560万吨。")
    assert {(f.value, f.unit) for f in got} == {(3.2e10, "美元"), (5.6e6, "吨")}


def test_a_document_that_names_no_province_is_not_given_one():
    warnings: list[str] = []
    got = extract_document("2023年，全省规上工业增加值增长6.1%。全国规上工业增加值增长4.6%。", source="x.txt",
                           doc_date=date(2024, 2, 1), warnings=warnings)
    assert {(f.province, f.value) for f in got} == {("", 6.1), ("全国", 4.6)}
    assert "--province" in warnings[0]


def test_statistical_communique_phrasing():
    got = facts("2023年，全省规模以上工业增加值比上年增长7.6%。年末全省共有规模以上工业企业2.1万家，比上年末增加"
                "1280家。全省居民人均可支配收入32120元，增长6.1%。", when=date(2024, 3, 18), province="湖南")
    assert {(f.metric, f.value) for f in got} == {
        ("规模以上工业增加值", 7.6), ("规模以上工业企业", 21000.0), ("规模以上工业企业增量", 1280.0),
        ("居民人均可支配收入", 32120.0), ("居民人均可支配收入", 6.1)}


def test_last_years_value_named_in_comparison():
    got = facts("2018年，全省生产总值增长7.8%，与上年的7.5%相比有所加快。", when=date(2019, 1, 25), province="湖北")
    assert {(f.metric, f.measure, f.value, f.period_label) for f in got} == {
        ("地区生产总值", "growth", 7.8, "2018年"), ("地区生产总值", "growth", 7.5, "2017年")}


def test_a_list_of_provinces_pairs_each_with_its_value():
    got = facts("2023年，湖北、湖南、江西三省规上工业增加值分别增长5.6%、5.1%和5.4%。", when=date(2024, 2, 1),
                province="湖北")
    assert {(f.province, f.metric, f.value) for f in got} == {
        ("湖北", "规模以上工业增加值", 5.6), ("湖南", "规模以上工业增加值", 5.1), ("江西", "规模以上工业增加值", 5.4)}


def test_news_style_paragraph_with_cities_single_months_totals_and_targets():
    text = ("2024年全省规模以上工业增加值同比增长7.7%，其中12月当月增长8.2%。长沙市规模以上工业增加值增长8.6%，株洲市"
            "增长9.1%。新增规模以上工业企业1860家，总数突破2.2万家。\n\n2025年，全省工业和信息化系统将力争规模以上工业增加值"
            "增长6.5%左右，到2027年先进制造业集群营业收入突破2万亿元。\n")
    got = extract_document(text, source="n.txt", doc_date=date(2025, 1, 20), province="湖南")
    rows = {(f.city, f.metric, f.value, f.period_label, f.kind) for f in got}
    assert rows == {
        ("", "规模以上工业增加值", 7.7, "2024年", "actual"), ("", "规模以上工业增加值", 8.2, "2024年12月", "actual"),
        ("长沙", "规模以上工业增加值", 8.6, "2024年", "actual"), ("株洲", "规模以上工业增加值", 9.1, "2024年", "actual"),
        ("", "新增规模以上工业企业", 1860.0, "2024年", "actual"), ("", "规模以上工业企业", 22000.0, "2024年", "actual"),
        ("", "规模以上工业增加值", 6.5, "2025年", "target"), ("", "先进制造业集群营业收入", 2e12, "2027年", "target")}


def test_text_from_a_pdf_wrapped_at_a_fixed_width_reads_like_the_paragraphs():
    paragraph = ("“十三五”期间全省研究与试验发展经费投入由401.2亿元增至812.5亿元，科研机构由1730家增至2911家。"
                 "2020年全省规上工业企业利润总额增长5.6%，营业收入利润率为6.02%，高于全国0.3个百分点。"
                 "力争到2025年，全省智能装备产业营业收入达到3000亿元，年均增长12%左右。")
    body = paragraph * 3  # a page's worth of lines, so the common width can be seen
    text = "某省制造业发展规划\n\n" + body + "\n"
    wrapped = "某省制造业发展规划\n" + "\n".join(body[i:i + 30] for i in range(0, len(body), 30)) + "\n"
    when = date(2021, 6, 1)
    whole = extract_document(text, source="a.txt", doc_date=when, province="湖北")
    pdf = extract_document(wrapped, source="b.txt", doc_date=when, province="湖北")
    key = lambda f: (f.metric, f.measure, f.value, f.period_label, f.kind)  # noqa: E731
    assert len(whole) == 9 and sorted(map(key, pdf)) == sorted(map(key, whole))
    assert all(f.quote in wrapped for f in pdf)


def test_traditional_half_year_report_with_siblings_and_summary_nouns():
    text = ("今年上半年，全省規(guī)模以上工業(yè)增加值同比增長(zhǎng)6.2%，居中部六省第2位。\n"
            "1-6月，全省規(guī)模以上工業(yè)企業(yè)實(shí)現(xiàn)營(yíng)業(yè)收入2.08萬(wàn)億元；實(shí)現(xiàn)利潤(rùn)總額985.6億元，下降4.3%。\n"
            "電子信息、有色金屬、裝備制造三大產(chǎn)業(yè)營(yíng)業(yè)收入分別增長(zhǎng)9.5%、4.7%、6.1%。\n")
    got = extract_document(text, source="t.txt", doc_date=date(2024, 8, 15), province="江西")
    rows = {(f.metric, f.measure, f.value) for f in got}
    assert ("规模以上工业利润总额", "level", 98560000000.0) in rows
    assert ("规模以上工业利润总额", "growth", -4.3) in rows
    assert ("装备制造产业营业收入", "growth", 6.1) in rows and ("电子信息产业营业收入", "growth", 9.5) in rows
    assert ("规模以上工业增加值", "rank", 2.0) in rows
    assert all(f.period_label == "2024年1—6月" for f in got)


def test_one_mention_of_another_provinces_city_does_not_move_a_paragraph():
    text = ("# 江西：推进工业强省\n\n2023年，加强与武汉、长沙的产业合作，全省电子信息产业营业收入增长10.2%。\n\n"
            "2023年，全省规上工业增加值增长7.1%。\n")
    got = extract_document(text, source="t.txt", doc_date=date(2024, 1, 5), province="江西")
    assert {f.province for f in got} == {"江西"} and len(got) == 2


def test_a_city_of_another_province_takes_its_own_province():
    got = facts("2023年，长沙市规模以上工业增加值增长8.1%，全省规上工业增加值增长7.2%。", when=date(2024, 2, 1),
                province="江西")
    assert {(f.province, f.city, f.value) for f in got} == {("湖南", "长沙", 8.1), ("江西", "", 7.2)}


def test_ranges_are_a_low_and_a_high_end():
    got = facts("2025年，力争全省规上工业增加值增长6%—7%，数字经济规模达到5000—6000亿元。", when=date(2025, 1, 10),
                province="湖南")
    assert {(f.metric, f.value, f.comparator) for f in got} == {
        ("规模以上工业增加值", 6.0, ">="), ("规模以上工业增加值", 7.0, "<="),
        ("数字经济规模", 5e11, ">="), ("数字经济规模", 6e11, "<=")}
    from indcli.check import figure_value

    assert sorted(figure_value(f.figure_text) for f in got) == [6.0, 7.0, 5e11, 6e11]


def test_money_written_without_yuan_and_counts_over_a_threshold():
    got = facts("到2025年，全省规上工业增加值力争迈上1.8万亿。全省5G基站突破2万个，3个产品销售额过10亿元。",
                when=date(2021, 1, 14), province="湖南")
    assert {(f.metric, f.value, f.unit) for f in got} == {
        ("规模以上工业增加值", 1.8e12, "元"), ("5G基站", 20000.0, "个"), ("产品销售额过10亿元", 3.0, "个")}


def test_first_n_months_month_ends_and_year_on_year_points():
    text = ("前10个月，全省规模以上工业增加值同比增长8.9%。全省实现工业增加值1.35万亿元，占GDP的比重为30.2%，同比提高"
            "0.5个百分点。截至10月底，全省规模以上工业企业总数达到2.35万户。")
    got = extract_document(text, source="a.txt", doc_date=date(2024, 11, 25), province="安徽")
    rows = {(f.metric, f.measure, f.value, f.period_label, f.scope) for f in got}
    assert ("规模以上工业增加值", "growth", 8.9, "2024年1—10月", "") in rows
    assert ("工业增加值占GDP比重", "diff", 0.5, "2024年1—10月", "上年同期") in rows
    assert ("规模以上工业企业", "level", 23500.0, "2024年10月", "") in rows


def test_enterprises_reached_by_an_activity_are_counted_but_places_assessed_are_not():
    got = facts("2023年，累计对3000多家企业开展质量诊断，对1200家企业和300名工程师推广精益管理。对全省14个市州进行考核。",
                when=date(2024, 1, 10), province="湖南")
    assert {(f.metric, f.value, f.unit) for f in got} == {
        ("质量诊断企业", 3000.0, "家"), ("推广精益管理企业", 1200.0, "家"), ("推广精益管理工程师", 300.0, "人")}


def test_thousands_separators_sibling_taxes_and_unscoped_ranks():
    got = facts("2023年，全省规上工业实现营业收入1,234.5亿元，利税210亿元。全省工业投资增速排名第5。",
                when=date(2024, 2, 1), province="江西")
    assert {(f.metric, f.measure, f.value, f.scope) for f in got} == {
        ("规模以上工业营业收入", "level", 123450000000.0, ""), ("规模以上工业利税", "level", 21000000000.0, ""),
        ("工业投资", "rank", 5.0, "")}


def test_tenths_are_a_share_and_its_subject_may_follow_it():
    got = facts("2021年，本省的锂电材料约占全国的三成，占工业比重六成的传统产业仍是主力。")
    assert {(f.metric, f.value, f.unit, f.comparator) for f in got} == {
        ("锂电材料占全国比重", 30.0, "%", "~"), ("传统产业占工业比重", 60.0, "%", "=")}
    # 一成 inside words (这一成绩, 统一成本) is not a figure
    assert facts("2021年，这一成绩来之不易，统一成本核算。") == []


def test_an_official_industry_name_with_a_comma_stays_one_item_in_a_list():
    got = facts("2021年，全省纺织业、酒、饮料和精制茶制造业、造纸和纸制品业等行业分别增长3.1%、4.2%、5.3%。")
    assert sorted((f.value, f.metric) for f in got) == [
        (3.1, "纺织业"), (4.2, "酒、饮料和精制茶制造业"), (5.3, "造纸和纸制品业")]
    # …设备等高新技术制造业增长 names one industry: its figure is that industry's
    got = facts("2021年，计算机、通信和其他电子设备等行业增长15.5%。")
    assert [(f.metric, f.value) for f in got] == [("计算机、通信和其他电子设备制造业", 15.5)]


def test_a_january_report_on_last_year_gives_its_yearless_figures_to_last_year():
    text = ("2020年，全省地区生产总值增长4%。\n新兴产业较快增长\n全省高技术制造业增加值增长9.1%。\n"
            "全省力争规上工业增加值增长7%。")
    got = facts(text, when=date(2021, 1, 20))
    assert [(f.metric, f.value, f.period_label, f.kind) for f in got] == [
        ("地区生产总值", 4.0, "2020年", "actual"), ("高技术制造业增加值", 9.1, "2020年", "actual"),
        ("规模以上工业增加值", 7.0, "2021年", "target")]
    # written later in the year, a yearless figure is this year's, as before
    assert [f.period_label for f in facts(text, when=date(2021, 6, 1))] == ["2020年", "2021年", "2021年"]


def test_a_period_in_a_meetings_name_does_not_frame_the_next_paragraph():
    text = ("记者从全省三季度经济形势分析会上获悉，1-8月全省规上工业增加值增长6.6%。\n"
            "机械、化工两大行业增速均超过9%，合计拉动全省工业增长2.5个百分点。")
    got = facts(text, when=date(2022, 9, 20))
    assert {(f.metric, f.measure, f.value, f.period_label) for f in got} == {
        ("规模以上工业增加值", "growth", 6.6, "2022年1—8月"), ("机械", "growth", 9.0, "2022年1—8月"),
        ("化工", "growth", 9.0, "2022年1—8月"), ("两大行业", "diff", 2.5, "2022年1—8月")}


def test_a_headline_goal_and_the_same_goal_with_a_comparator_are_one_fact():
    text = "2025年全省数字经济规模力争达2万亿元\n到2025年，全省数字经济规模力争迈上2万亿元。"
    got = facts(text)
    assert [(f.value, f.comparator, f.mentions) for f in got] == [(2e12, ">=", 2)]


def test_the_rank_of_an_average_growth_rate_spans_its_years_and_a_trillion_step_is_a_figure():
    got = facts("2016至2020年，全省工业增加值年均增长7.7%，居全国第4位，制造业增加值跃上万亿元。",
                when=date(2021, 5, 1))
    assert {(f.metric, f.measure, f.value, f.comparator, f.period_label) for f in got} == {
        ("工业增加值", "cagr", 7.7, "=", "2016—2020年"), ("工业增加值", "rank", 4.0, "=", "2016—2020年"),
        ("制造业增加值", "level", 1e12, ">=", "2020年")}
    # 上 alone (投资上千亿元) is too loose to read as a figure
    assert facts("全省工业投资上千亿元。", when=date(2021, 5, 1)) == []


def test_a_count_that_spells_out_a_slogan_is_not_a_figure():
    text = "全省推进“5+12”工程，“5”就是建设5个重点园区，“12”就是培育12条产业链。全省建成10个示范园区。"
    got = facts(text, when=date(2021, 5, 1))
    assert [(f.metric, f.value) for f in got] == [("示范园区", 10.0)]


def test_items_before_etc_share_a_value_stated_with_jun():
    got = facts("2021年，光伏组件、工业机器人等产品产量增速均超过30%。")
    assert {(f.metric, f.value, f.comparator) for f in got} == {
        ("光伏组件产量", 30.0, ">"), ("工业机器人产量", 30.0, ">")}


def test_a_comparator_before_a_list_of_values_governs_each_of_them():
    got = facts("2021年，纺织、建材产业营收分别接近3千亿元和2千亿元。")
    assert sorted((f.value, f.comparator) for f in got) == [(2e11, "~"), (3e11, "~")]


def test_a_topic_frame_names_the_metric_of_the_clauses_after_it():
    got = facts("2021年，从GDP总量来看，江苏仍居全国第二，为11.6万亿元。")
    assert {(f.metric, f.measure, f.value) for f in got} == {
        ("地区生产总值", "rank", 2.0), ("地区生产总值", "level", 1.16e13)}


def test_products_listed_after_an_output_clause_are_output_growth():
    got = facts("2021年，全省高端产品产量较快增长，其中，服务机器人增长40.1%，液晶面板增长12%，利润增长8%。")
    assert {(f.metric, f.value) for f in got} == {
        ("服务机器人产量", 40.1), ("液晶面板产量", 12.0), ("利润", 8.0)}


def test_a_sentence_opening_with_its_yardstick_scopes_its_differences():
    got = facts("2021年，与上年同期相比，全省工业增速回落0.6个百分点。")
    assert [(f.value, f.scope) for f in got] == [(-0.6, "上年同期")]


def test_a_rank_among_a_named_group_and_products_after_main_products():
    got = facts("2021年，全省规上工业增加值增长9%，在10个工业大省中位居第二。主要产品中，光纤增长12%。")
    assert {(f.metric, f.measure, f.value, f.scope) for f in got} == {
        ("规模以上工业增加值", "growth", 9.0, ""), ("规模以上工业增加值", "rank", 2.0, "10个工业大省"),
        ("光纤产量", "growth", 12.0, "")}


def test_list_cues_cover_every_item():
    # 限额以上 and 新增 before the first item cover the others; 突破了 is still 突破
    got = facts("2021年，限额以上家电类、汽车类零售额分别增长12%和9%。全省新增专精特新企业300家、高新技术企业900家，"
                "企业总数突破了5万家。")
    assert {(f.metric, f.value, f.comparator) for f in got} == {
        ("限额以上家电类零售额", 12.0, "="), ("限额以上汽车类零售额", 9.0, "="),
        ("新增专精特新企业", 300.0, "="), ("新增高新技术企业", 900.0, "="), ("企业总数", 50000.0, ">")}


def test_a_result_measured_against_a_goal_is_actual_and_a_year_can_be_the_yardstick():
    got = facts("2021年，全省工业增速高于年度目标1.2个百分点。1-5月工业投资增长9%，较2020年全年提高2个百分点。",
                when=date(2021, 6, 20))
    assert {(f.measure, f.value, f.kind, f.scope) for f in got} == {
        ("diff", 1.2, "actual", "年度目标"), ("growth", 9.0, "actual", ""), ("diff", 2.0, "actual", "2020年全年")}


def test_a_clause_that_goes_on_about_a_city_keeps_the_city():
    got = facts("2021年，赣州稀土产业营收突破800亿元，稀土产业规模连续5年居全国第一。", province="江西")
    assert {(f.city, f.measure) for f in got} == {("赣州", "level"), ("赣州", "rank")}
    # a list of achievements moves from subject to subject: the city does not carry over
    got = facts("2021年，全省陶瓷出口较快增长，赣州家具远销海外，8个品牌营收过10亿元，全省入选名录企业40家。",
                province="江西")
    assert got and all(f.city == "" for f in got)


def test_a_place_among_the_top_n_is_a_rank_of_at_most_n():
    got = facts("2021年，全省工业营收首次跻身全国前十，增速居中部前三位。前三季度增长较快。")
    assert {(f.metric, f.value, f.comparator, f.scope) for f in got} == {
        ("工业营业收入", 10.0, "<=", "全国"), ("工业营业收入", 3.0, "<=", "中部")}
    from indcli.check import figure_value

    assert sorted(figure_value(f.figure_text) for f in got) == [3.0, 10.0]  # indcli check re-parses them


def test_goals_and_estimates_read_on_across_clauses():
    got = facts("2024年全省工业主要预期目标为：规上工业增加值增长5%左右，力争达到5.5%。", when=date(2024, 1, 20))
    assert {(f.measure, f.value, f.kind) for f in got} == {("growth", 5.0, "target"), ("growth", 5.5, "target")}
    got = facts("预计今年一季度全省规上工业增加值增长5%左右，工业用电量增长6%左右。", when=date(2024, 1, 20))
    assert {(f.value, f.kind) for f in got} == {(5.0, "forecast"), (6.0, "forecast")}
    # a whole year not yet over is a goal; 全年有望 stays a forecast, and what follows it is not swept along
    got = facts("上半年工业平稳。全年实施重点工业项目200个以上，完成投资800亿元以上。", when=date(2023, 7, 20))
    assert sorted((f.value, f.kind) for f in got) == [(200.0, "target"), (8e10, "target")]


def test_a_place_is_never_read_across_a_province_name():
    from indcli.lexicon import find_places

    assert [m.group() for m in find_places("湖南充分发挥优势，江西安全生产形势稳定，绵阳增长8%")] == ["绵阳"]


def test_cities_named_in_a_list_or_a_region_frame_own_their_figures():
    got = facts("2021年，温州、嘉兴两市规上工业增加值分别增长9.1%和10.2%。", province="浙江")
    assert {(f.city, f.value) for f in got} == {("温州", 9.1), ("嘉兴", 10.2)}
    got = facts("2021年，分地区看，绵阳市规上工业增加值增长8.7%，增速居全省第2位，电子信息产业营收增长6%。",
                province="四川")
    assert {(f.city, f.measure) for f in got} == {("绵阳", "growth"), ("绵阳", "rank")} and len(got) == 3


def test_a_running_total_after_new_additions_is_the_stock_and_a_bracketed_yardstick_is_the_nations():
    got = facts("2021年，全省新认定小巨人企业80家，累计达到300家。全省规上工业增长6%（全国为4%）。")
    assert {(f.province, f.value) for f in got} == {("江苏", 80.0), ("江苏", 300.0), ("江苏", 6.0), ("全国", 4.0)}
    assert [f.metric for f in got if f.value == 300.0] == ["小巨人企业"]
    (national,) = [f for f in got if f.province == "全国"]
    assert (national.metric, national.measure) == (next(f.metric for f in got if f.value == 6.0), "growth")


def test_a_summary_of_listed_industries_names_each_of_them():
    got = facts("2021年，纺织、建材两大传统产业增加值分别增长5.1%和6.2%，两大产业合计占全省规上工业增加值的比重达20%。")
    assert {f.metric for f in got} == {"纺织产业增加值", "建材产业增加值", "两大产业占规模以上工业增加值比重"}


def test_a_base_year_in_brackets_stays_there():
    text = ("某省数字经济发展“十四五”规划\n发展目标\n全省数字经济规模达到8万亿元（2020年为5.2万亿元）；研发投入强度达到3%，"
            "单位工业增加值能耗比2020年下降13.5%。")
    got = facts(text, when=date(2021, 8, 1))
    rows = {(f.metric, f.value, f.period_label, f.kind) for f in got}
    assert ("数字经济规模", 8e12, "2025年", "target") in rows and ("数字经济规模", 5.2e12, "2020年", "actual") in rows
    assert {(f.metric, f.kind) for f in got if f.value in (3.0, -13.5)} == {
        ("研发投入强度", "target"), ("单位工业增加值能耗", "target")}


def test_a_list_split_at_commas_keeps_its_ands_and_a_mismatch_is_skipped_not_multiplied():
    got = facts("2021年，机械、纺织、汽车及零部件产业增加值分别增长9%、4%和12%。")
    assert sorted((f.value, f.metric) for f in got) == [
        (4.0, "纺织产业增加值"), (9.0, "机械产业增加值"), (12.0, "汽车及零部件产业增加值")] or \
        sorted(f.value for f in got) == [4.0, 9.0, 12.0]
    warnings: list[str] = []
    got = extract_document("2021年，甲、乙、丙增加值分别增长9%和4%。", source="t.txt", doc_date=date(2022, 2, 1),
                           province="江苏", warnings=warnings)
    assert got == [] and warnings


def test_an_annual_communique_reports_on_the_year_in_its_title():
    text = "某省2021年国民经济和社会发展统计公报\n发布时间：2022-03-12\n全年全省生产总值5.8万亿元，比上年增长6.2%。"
    got = facts(text, when=date(2022, 3, 12))
    assert {(f.value, f.period_label, f.kind) for f in got} == {(5.8e12, "2021年", "actual"), (6.2, "2021年", "actual")}


def test_the_nation_stays_the_subject_and_an_epithet_goes_with_its_city():
    got = facts("2022年，全国规上工业增加值增长3.6%，国内生产总值增长3.0%。本省规上工业增长7%。", province="江西")
    assert sorted((f.value, f.province) for f in got) == [(3.0, "全国"), (3.6, "全国"), (7.0, "江西")]
    got = facts("2022年，“世界铜都”鹰潭市铜产业营收达到3000亿元，占全市规上工业营收的70%。", province="江西")
    assert {(f.city, f.metric) for f in got} == {("鹰潭", "铜产业营业收入"), ("鹰潭", "铜产业营业收入占规模以上工业营业收入比重")}


def test_prices_rise_and_a_forecast_frame_covers_what_follows():
    got = facts("1-9月，全省居民消费价格同比上涨0.3%。", when=date(2023, 10, 20))
    assert [(f.measure, f.value) for f in got] == [("growth", 0.3)]
    got = facts("会议预计，2024年全省数字经济规模将突破1.8万亿元。", when=date(2024, 1, 18))
    assert [f.kind for f in got] == ["forecast"]
