using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Web.Components.Shared;
using Bunit;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>Money reads the one way everywhere (MoneyText), with the exact amount on hover; the markup is pinned whole.</summary>
public sealed class MoneyTests : ComponentTest
{
    [Fact]
    public void Money_shows_wan_with_the_exact_yuan_on_hover()
    {
        using var _ = In(Text.Chinese);
        Render<Money>(p => p.Add(x => x.Yuan, 12_345_678.9m)).MarkupMatches(
            "<abbr class=\"money text-nowrap\" title=\"12,345,678.90 元\" data-yuan=\"12345678.90\">1,234.57 万元</abbr>");
    }

    [Fact]
    public void Money_in_english_reads_millions()
    {
        using var _ = In(Text.English);
        Render<Money>(p => p.Add(x => x.Yuan, 50_000_000m)).MarkupMatches(
            "<abbr class=\"money text-nowrap\" title=\"CNY 50,000,000.00\" data-yuan=\"50000000.00\">CNY 50 million</abbr>");
    }

    [Fact]
    public void No_money_is_a_dash() =>
        Render<Money>(p => p.Add(x => x.Yuan, null)).MarkupMatches("<span class=\"text-secondary\">—</span>");
}
