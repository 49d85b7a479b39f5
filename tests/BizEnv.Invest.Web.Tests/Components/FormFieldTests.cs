using BizEnv.Invest.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizEnv.Invest.Web.Tests.Components;

/// <summary>A field's errors must be announced and tied to its input, or a screen-reader user cannot tell what to fix.</summary>
public sealed class FormFieldTests : ComponentTest
{
    // The input a page puts in the field: it takes the id, the error link and the CSS class the field hands it.
    private static readonly RenderFragment<FormField.FieldContext> Input = f => b =>
    {
        b.OpenElement(0, "input");
        b.AddAttribute(1, "id", f.Id);
        b.AddAttribute(2, "class", f.CssClass);
        b.AddAttribute(3, "aria-describedby", f.DescribedBy);
        b.AddAttribute(4, "aria-invalid", f.Invalid ? "true" : null);
        b.CloseElement();
    };

    private IRenderedComponent<FormField> Field(IReadOnlyList<string> errors, string? help = null, bool required = false) =>
        Render<FormField>(p => p
            .Add(x => x.Id, "u-name")
            .Add(x => x.Label, "用户名")
            .Add(x => x.Required, required)
            .Add(x => x.Help, help)
            .Add(x => x.Errors, errors)
            .Add(x => x.ChildContent, Input));

    [Fact]
    public void A_field_with_errors_announces_them_and_links_them_to_the_input()
    {
        var cut = Field(["请输入用户名。", "用户名不能超过 50 个字。"], required: true);

        cut.Find("label").GetAttribute("for").ShouldBe("u-name");
        cut.Find("label span").TextContent.ShouldBe(" *");
        var input = cut.Find("#u-name");
        input.GetAttribute("aria-describedby").ShouldBe("u-name-error");
        input.GetAttribute("aria-invalid").ShouldBe("true");
        input.ClassList.ShouldContain("is-invalid");
        var alert = cut.Find("#u-name-error");
        alert.GetAttribute("role").ShouldBe("alert");
        alert.Children.Select(c => c.TextContent).ShouldBe(["请输入用户名。", "用户名不能超过 50 个字。"]);
    }

    [Fact]
    public void A_field_without_errors_has_no_alert_and_no_error_link()
    {
        var cut = Field([], help: "字母或数字");

        cut.FindAll("[role=alert]").ShouldBeEmpty();
        var input = cut.Find("#u-name");
        input.HasAttribute("aria-describedby").ShouldBeFalse();
        input.HasAttribute("aria-invalid").ShouldBeFalse();
        input.ClassName.ShouldBe("form-control");
        cut.Find(".form-text").TextContent.ShouldBe("字母或数字");
        cut.FindAll("label span").ShouldBeEmpty(); // not required: no asterisk
    }

    [Fact]
    public void Errors_arriving_after_a_submit_mark_the_field_and_clearing_them_unmarks_it()
    {
        var cut = Field([]);
        cut.Render(p => p.Add(x => x.Errors, ["请输入用户名。"]));
        cut.Find("#u-name").GetAttribute("aria-invalid").ShouldBe("true");

        cut.Render(p => p.Add(x => x.Errors, Array.Empty<string>()));
        cut.Find("#u-name").HasAttribute("aria-invalid").ShouldBeFalse();
        cut.FindAll("#u-name-error").ShouldBeEmpty();
    }
}
