using BizEnv.Invest.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>A signed-out reader is sent to sign in and brought back to the page they asked for, query included.</summary>
public sealed class NavigationComponentTests : ComponentTest
{
    [Fact]
    public void Redirect_to_login_carries_the_page_asked_for_and_forces_a_full_load()
    {
        var nav = Services.GetRequiredService<BunitNavigationManager>();
        nav.NavigateTo("crm/projects?stage=Lead");

        Render<RedirectToLogin>();

        nav.Uri.ShouldBe("http://localhost/account/login?returnUrl=%2Fcrm%2Fprojects%3Fstage%3DLead");
        // forceLoad: the sign-in page is a plain HTTP form outside the interactive circuit.
        nav.History.First().Options.ForceLoad.ShouldBeTrue();
    }
}
