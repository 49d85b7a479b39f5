using System.Globalization;
using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Application.Tests.Audit;

/// <summary>The audit log's stored codes in words: every outcome the log can hold, and why, for rows with and without a stored reason.</summary>
public sealed class AuditWordsTests
{
    private static T En<T>(Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void Every_outcome_the_pipeline_and_sign_in_write_is_on_the_filter_and_has_words()
    {
        Exception[] failures =
        [
            new FluentValidation.ValidationException("x"), new DomainException("user.cannot_disable_self"), new ForbiddenException(),
            new UnauthenticatedException(), new NotFoundException("project", Guid.Empty), new InvalidOperationException(),
        ];
        var written = failures.Select(AuditActions.OutcomeOf)
            .Concat(["success", "replayed", "unavailable", "failure:locked", "failure:wrong-password"]);
        foreach (var outcome in written)
        {
            AuditWords.Outcomes.ShouldContain(outcome.Split(':')[0]);
            En(() => AuditWords.Outcome(outcome)).ShouldBe(Text.In(Text.English, "audit.outcome." + outcome.Split(':')[0]));
        }
        AuditWords.Outcomes.ShouldAllBe(o => Text.Has("audit.outcome." + o));
    }

    [Fact]
    public void Actions_object_types_and_outcomes_without_words_show_as_stored()
    {
        En(() => AuditWords.Action("RecordCommitment")).ShouldBe("Record promise");
        En(() => AuditWords.Action("ExportProbe")).ShouldBe("ExportProbe");
        En(() => AuditWords.ObjectType("commitment")).ShouldBe("Promise");
        En(() => AuditWords.ObjectType("gadget")).ShouldBe("gadget");
        En(() => AuditWords.Outcome("mystery")).ShouldBe("mystery");
        AuditWords.Actions.ShouldContain("RecordCommitment");
        AuditWords.Actions.ShouldContain("SignIn");
    }

    [Theory]
    [InlineData("refused:user.cannot_disable_self", "You cannot disable your own account.")]
    [InlineData(":user.cannot_disable_self", "You cannot disable your own account.")] // the code is all there is
    [InlineData("failure:locked", "The account is locked")]
    [InlineData("refused:authority.approver_lacks", "Your approval authority is not enough: …")] // its values were not kept then
    [InlineData("failure:no-such-reason", null)]
    [InlineData("success", null)]
    [InlineData("invalid", null)]
    public void A_row_written_before_reasons_were_stored_says_why_from_its_outcome(string outcome, string? why) =>
        En(() => AuditWords.Reason(outcome, null)).ShouldBe(why);

    [Fact]
    public void A_stored_reason_wins_over_the_outcome()
    {
        En(() => AuditWords.Reason("refused:user.cannot_disable_self", Coded.Text("authority.no_policy_basis")))
            .ShouldBe(Text.In(Text.English, "authority.no_policy_basis"));
        En(() => AuditWords.Reason("invalid", "Name is required")).ShouldBe("Name is required");
    }
}
