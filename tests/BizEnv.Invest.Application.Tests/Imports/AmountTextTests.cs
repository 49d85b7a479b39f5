using BizEnv.Invest.Application.Common.Sheets;

namespace BizEnv.Invest.Application.Tests.Imports;

public sealed class AmountTextTests
{
    [Theory]
    [InlineData("1200000", 1200000)]
    [InlineData(" 1200000 ", 1200000)]
    [InlineData("1234.5", 1234.5)]
    [InlineData("0", 0)]
    [InlineData("-500", -500)] // read as written: whether a negative amount is allowed is the import's rule
    public void A_bare_number_in_the_stored_unit_is_plain(string text, decimal value) =>
        AmountText.Read(text, AmountUnit.Yuan, AmountUnit.Yuan).ShouldBe(new AmountReading(value, null, Plain: true));

    [Theory]
    [InlineData("1,200,000", 1200000)]
    [InlineData("1，200，000", 1200000)]   // full-width commas
    [InlineData("1,234.5", 1234.5)]
    [InlineData("１２００００", 120000)]      // full-width digits
    [InlineData("¥1,200", 1200)]
    [InlineData("￥1,200", 1200)]
    [InlineData("12 000", 12000)]           // a space between groups, as some locales print
    public void Separators_full_width_digits_and_a_currency_sign_are_read_and_flagged_as_such(string text, decimal value) =>
        AmountText.Read(text, AmountUnit.Yuan, AmountUnit.Yuan).ShouldBe(new AmountReading(value, null, Plain: false));

    [Theory]
    [InlineData("120万元", 1200000, AmountUnit.TenThousandYuan)]
    [InlineData("120万", 1200000, AmountUnit.TenThousandYuan)]
    [InlineData("１２０万元", 1200000, AmountUnit.TenThousandYuan)]
    [InlineData("1.5亿", 150000000, AmountUnit.HundredMillionYuan)]
    [InlineData("2亿元", 200000000, AmountUnit.HundredMillionYuan)]
    [InlineData("1,200,000元", 1200000, AmountUnit.Yuan)]
    [InlineData("12.3456万元", 123456, AmountUnit.TenThousandYuan)]
    public void A_unit_in_the_cell_is_applied(string text, decimal yuan, AmountUnit cellUnit) =>
        AmountText.Read(text, AmountUnit.Yuan, AmountUnit.Yuan).ShouldBe(new AmountReading(yuan, cellUnit, Plain: false));

    [Fact]
    public void A_unit_in_the_header_applies_to_bare_numbers_and_a_unit_in_the_cell_wins_over_it()
    {
        AmountText.Read("120", AmountUnit.TenThousandYuan, AmountUnit.Yuan).ShouldBe(new AmountReading(1200000, null, Plain: false));
        AmountText.Read("1,200,000元", AmountUnit.TenThousandYuan, AmountUnit.Yuan).ShouldBe(new AmountReading(1200000, AmountUnit.Yuan, Plain: false));
        AmountText.Read("1", AmountUnit.HundredMillionYuan, AmountUnit.TenThousandYuan).ShouldBe(new AmountReading(10000, null, Plain: false));
    }

    [Fact]
    public void Amounts_are_given_in_the_unit_the_import_stores()
    {
        AmountText.Read("1,200,000元", AmountUnit.Yuan, AmountUnit.TenThousandYuan).ShouldBe(new AmountReading(120, AmountUnit.Yuan, Plain: false));
        AmountText.Read("120", AmountUnit.TenThousandYuan, AmountUnit.TenThousandYuan).ShouldBe(new AmountReading(120, null, Plain: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12,34")]       // a European decimal comma, or a typo: never guessed
    [InlineData("1,2345")]
    [InlineData(",123")]
    [InlineData("1.2.3")]
    [InlineData("12万美元")]
    [InlineData("1e6")]
    [InlineData("约120万")]
    [InlineData("120万元整")]
    [InlineData("99999999999999999999999999999999万元")] // beyond any decimal
    public void Anything_else_is_not_an_amount(string text) =>
        AmountText.Read(text, AmountUnit.Yuan, AmountUnit.Yuan).ShouldBeNull();
}
