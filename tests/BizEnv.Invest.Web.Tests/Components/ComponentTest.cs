using BizEnv.Invest.Web.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>
/// Base of the bunit component tests: every component injects <see cref="L"/> (through _Imports.razor), so it is
/// registered here. The words follow the current UI culture, which each test sets with <see cref="In"/> because
/// bunit renders on the test's own thread.
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest() => Services.AddSingleton<L>();

    /// <summary>Reads and formats as a reader of <paramref name="culture"/> ("zh-CN" or "en-US") until disposed.</summary>
    protected static IDisposable In(string culture) => MoneyTextTests.Culture(culture);
}
