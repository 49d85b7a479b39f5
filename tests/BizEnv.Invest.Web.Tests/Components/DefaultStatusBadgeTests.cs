using BizEnv.Invest.Application.Localization;
using Bunit;
using BizEnv.Invest.Domain.Defaults;
using BizEnv.Invest.Web.Components.Pages.Defaults;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>A default's status badge: every status in words in both languages, open ones warning or alarming, closed ones quiet.</summary>
public sealed class DefaultStatusBadgeTests : ComponentTest
{
    [Fact]
    public void Every_default_status_reads_as_a_word_in_both_languages_with_its_colour()
    {
        var colours = new Dictionary<DefaultStatus, string>
        {
            [DefaultStatus.Noticed] = "warning", [DefaultStatus.Remedying] = "danger", [DefaultStatus.Cured] = "success",
            [DefaultStatus.Recovered] = "success", [DefaultStatus.WrittenOff] = "secondary",
        };
        foreach (var culture in Text.Cultures)
        {
            using var _ = In(culture);
            foreach (var status in Enum.GetValues<DefaultStatus>())
            {
                var badge = Render<DefaultStatusBadge>(p => p.Add(x => x.Status, status.ToString())).Find("[data-testid=default-status]");
                badge.TextContent.ShouldBe(Text.In(culture, $"defaultstatus.{status}"));
                badge.ClassList.ShouldContain($"text-bg-{colours[status]}");
                badge.GetAttribute("data-status").ShouldBe(status.ToString());
            }
        }
    }
}
