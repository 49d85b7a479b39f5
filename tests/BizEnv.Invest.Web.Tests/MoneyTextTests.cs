using System.Globalization;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Web.Tests;

/// <summary>The one rule every page, message and report puts money into words with (stored in yuan).</summary>
public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("12345678.90", "1,234.57 万元", "12,345,678.90 元")]
    [InlineData("0", "0 万元", "0.00 元")]
    [InlineData("50000000", "5,000 万元", "50,000,000.00 元")]
    [InlineData("10000000000", "1,000,000 万元", "10,000,000,000.00 元")] // 100 亿
    [InlineData("149.99", "0.01 万元", "149.99 元")]
    [InlineData("49.99", "0 万元", "49.99 元")]
    [InlineData("150", "0.02 万元", "150.00 元")]                         // half a hundred yuan rounds up (四舍五入), not to even
    [InlineData("-12345", "-1.23 万元", "-12,345.00 元")]
    public void Chinese_reads_wan_with_the_exact_yuan_beside(string yuan, string shortText, string exact)
    {
        using var _ = Culture(Text.Chinese);
        var value = decimal.Parse(yuan, CultureInfo.InvariantCulture);
        MoneyText.Short(value).ShouldBe(shortText);
        MoneyText.Exact(value).ShouldBe(exact);
    }

    [Theory]
    [InlineData("12345678.90", "CNY 12.3457 million", "CNY 12,345,678.90")]
    [InlineData("50000000", "CNY 50 million", "CNY 50,000,000.00")]
    [InlineData("10000000000", "CNY 10,000 million", "CNY 10,000,000,000.00")]
    [InlineData("0", "CNY 0 million", "CNY 0.00")]
    public void English_reads_millions_to_the_same_hundred_yuan(string yuan, string shortText, string exact)
    {
        using var _ = Culture(Text.English);
        var value = decimal.Parse(yuan, CultureInfo.InvariantCulture);
        MoneyText.Short(value).ShouldBe(shortText);
        MoneyText.Exact(value).ShouldBe(exact);
    }

    [Fact]
    public void No_amount_is_a_dash()
    {
        MoneyText.Short(null).ShouldBe("—");
        MoneyText.Exact(null).ShouldBe("—");
    }

    [Fact]
    public void A_form_takes_money_in_the_unit_the_pages_show()
    {
        using (Culture(Text.Chinese))
        {
            MoneyText.FromTyped(1234.5678m).ShouldBe(12_345_678m);
            MoneyText.ToTyped(50_000_000m).ShouldBe(5000m);
            MoneyText.ToTyped(50_000_000m)!.Value.ToString(CultureInfo.InvariantCulture).ShouldBe("5000");
        }
        using (Culture(Text.English))
        {
            MoneyText.FromTyped(12.3456789m).ShouldBe(12_345_678.90m);
            MoneyText.ToTyped(12_345_678.90m).ShouldBe(12.3456789m);
        }
        MoneyText.FromTyped(null).ShouldBeNull();
        MoneyText.ToTyped(null).ShouldBeNull();
    }

    [Fact]
    public void A_message_marks_which_numbers_are_money()
    {
        using var _ = Culture(Text.Chinese);
        // A pending reason is stored coded, its numbers bare: the words say {1:money}, so it reads like every page.
        var stored = BizEnv.Invest.Domain.Common.Coded.Text("authority.value_exceeds", BizEnv.Invest.Domain.Commitments.CommitmentKind.Subsidy, 50_000_000m, 20_000_000m);
        CodedText.Render(stored).ShouldBe("“补贴奖励”类承诺金额 5,000 万元 超过本单位权限上限 2,000 万元，已提交审批。");
    }

    /// <summary>The reader's language for the test's own flow (it is async-local), put back after.</summary>
    internal static IDisposable Culture(string name)
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture));
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
