using BizEnv.Invest.Web.Components.Shared;
using BizEnv.Invest.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizEnv.Invest.Web.Tests;

/// <summary>Component markup rendered with ASP.NET Core's HtmlRenderer (bunit is not available here).</summary>
public sealed class ComponentMarkupTests
{
    private static async Task<string> Render<T>(Dictionary<string, object?> parameters) where T : IComponent
    {
        var services = new ServiceCollection().AddSingleton<L>().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            System.Net.WebUtility.HtmlDecode((await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString()));
    }

    [Fact]
    public async Task A_field_with_errors_announces_them_and_links_them_to_the_input()
    {
        RenderFragment<FormField.FieldContext> input = f => b =>
        {
            b.OpenElement(0, "input");
            b.AddAttribute(1, "id", f.Id);
            b.AddAttribute(2, "aria-describedby", f.DescribedBy);
            b.CloseElement();
        };
        var html = await Render<FormField>(new()
        {
            [nameof(FormField.Id)] = "u-name",
            [nameof(FormField.Label)] = "用户名",
            [nameof(FormField.Required)] = true,
            [nameof(FormField.Errors)] = (IReadOnlyList<string>)["请输入用户名。"],
            [nameof(FormField.ChildContent)] = input,
        });
        html.ShouldContain("<label class=\"form-label\" for=\"u-name\">用户名");
        html.ShouldContain("aria-describedby=\"u-name-error\"");
        html.ShouldContain("id=\"u-name-error\" class=\"invalid-feedback d-block\" role=\"alert\"");
        html.ShouldContain("请输入用户名。");
    }

    [Fact]
    public async Task A_field_without_errors_has_no_alert()
    {
        RenderFragment<FormField.FieldContext> input = f => b => { b.OpenElement(0, "input"); b.AddAttribute(1, "id", f.Id); b.CloseElement(); };
        var html = await Render<FormField>(new()
        {
            [nameof(FormField.Id)] = "u-mail", [nameof(FormField.Label)] = "电子邮箱", [nameof(FormField.ChildContent)] = input,
        });
        html.ShouldNotContain("role=\"alert\"");
        html.ShouldNotContain("aria-describedby");
    }

    [Fact]
    public async Task Money_shows_wan_with_the_exact_yuan_on_hover()
    {
        using var _ = MoneyTextTests.Culture(Application.Localization.Text.Chinese);
        var html = await Render<Money>(new() { [nameof(Money.Yuan)] = 12_345_678.9m });
        html.ShouldBe("<abbr class=\"money text-nowrap\" title=\"12,345,678.90 元\" data-yuan=\"12345678.90\">1,234.57 万元</abbr>");
    }

    [Fact]
    public async Task Money_in_english_reads_millions()
    {
        using var _ = MoneyTextTests.Culture(Application.Localization.Text.English);
        var html = await Render<Money>(new() { [nameof(Money.Yuan)] = 50_000_000m });
        html.ShouldBe("<abbr class=\"money text-nowrap\" title=\"CNY 50,000,000.00\" data-yuan=\"50000000.00\">CNY 50 million</abbr>");
    }

    [Fact]
    public async Task No_money_is_a_dash()
    {
        var html = await Render<Money>(new() { [nameof(Money.Yuan)] = null });
        html.ShouldBe("<span class=\"text-secondary\">—</span>");
    }
}
