using BizEnv.Invest.Application.Common.Sheets;

namespace BizEnv.Invest.Application.Tests.Imports;

public sealed class HeaderNameTests
{
    [Theory]
    [InlineData("承诺金额（元）", "承诺金额", AmountUnit.Yuan)]
    [InlineData("承诺 金额（万元）", "承诺金额", AmountUnit.TenThousandYuan)]
    [InlineData("承诺金额(万元)", "承诺金额", AmountUnit.TenThousandYuan)]
    [InlineData("承诺金额 / 万元", "承诺金额", AmountUnit.TenThousandYuan)]
    [InlineData("承诺金额／万元", "承诺金额", AmountUnit.TenThousandYuan)]
    [InlineData("承诺金额[万元]", "承诺金额", AmountUnit.TenThousandYuan)]
    [InlineData("承诺金额【单位：亿元】", "承诺金额", AmountUnit.HundredMillionYuan)]
    [InlineData("承诺金额（单位：元）", "承诺金额", AmountUnit.Yuan)]
    public void A_unit_suffix_is_taken_off_the_name_and_kept(string header, string key, AmountUnit unit) =>
        HeaderName.Parse(header).ShouldBe(new HeaderName(key, unit));

    [Theory]
    [InlineData("  企业名称 ", "企业名称")]
    [InlineData("企业　名称", "企业名称")]              // U+3000, the ideographic space
    [InlineData("统一社会\n信用代码", "统一社会信用代码")] // a line break inside the cell
    [InlineData("企业\u00A0名称\u200B", "企业名称")]     // no-break and zero-width spaces pasted from a web page
    [InlineData("世界５００强", "世界500强")]
    [InlineData("ＡＢＣ（测试）", "ABC(测试)")]
    public void Spaces_go_and_full_width_characters_read_as_half_width(string header, string key) =>
        HeaderName.Parse(header).ShouldBe(new HeaderName(key, null));

    [Theory]
    [InlineData("金额（美元）", "金额(美元)")] // not a unit the import converts: the name stays whole and will not match
    [InlineData("（万元）", "(万元)")]         // a unit and nothing else is not a named column
    [InlineData("万元", "万元")]
    [InlineData("金额万元", "金额万元")]       // without a bracket or slash it is part of the name
    public void Only_a_bracketed_or_slashed_money_unit_after_a_name_is_a_unit(string header, string key) =>
        HeaderName.Parse(header).ShouldBe(new HeaderName(key, null));
}
