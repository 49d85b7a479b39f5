using System.Globalization;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Application.Tests.Localization;

/// <summary>Stored words are codes; they read in whichever language the reader has, and anything typed stays as typed.</summary>
public sealed class CodedTextTests
{
    private static string In(string culture, Func<string?> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return read()!; }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void A_coded_reason_reads_in_each_language_with_its_enum_and_amounts_in_words()
    {
        var stored = Coded.Text("authority.value_exceeds", CommitmentKind.Subsidy, 50_000_000m, 20_000_000m);
        stored.ShouldBe("""{"code":"authority.value_exceeds","args":[{"key":"commitmentkind.Subsidy"},50000000,20000000]}""");
        In("en-US", () => CodedText.Render(stored)).ShouldBe(
            $"CNY 50 million exceeds your unit's limit of CNY 20 million for \"{Text.In(Text.English, "commitmentkind.Subsidy")}\": held for approval.");
        In("zh-CN", () => CodedText.Render(stored)).ShouldContain(Text.In(Text.Chinese, "commitmentkind.Subsidy")!);
        In("zh-CN", () => CodedText.Render(stored)).ShouldContain("5,000 万元");
    }

    [Fact]
    public void Coded_text_inside_other_text_and_inside_another_code_is_worded_in_place()
    {
        var inner = Coded.Text("authority.no_policy_basis");
        var outer = Coded.Text("authority.approver_lacks", inner);
        In("en-US", () => CodedText.Render(outer)).ShouldBe("Your approval authority is not enough: " + Text.In(Text.English, "authority.no_policy_basis"));
        In("en-US", () => CodedText.Render("widen the rebate · " + inner)).ShouldBe("widen the rebate · " + Text.In(Text.English, "authority.no_policy_basis"));
        In("en-US", () => Text.Get("authority.approver_lacks", inner)).ShouldBe(In("en-US", () => CodedText.Render(outer)));
    }

    [Theory]
    [InlineData("超过权限，已提交审批。")] // stored before codes: shown as it is
    [InlineData("{\"code\": not json at all")] // an officer may type anything
    [InlineData("{\"code\":42}")] // JSON, but not coded text
    [InlineData("{\"code\":\"authority.no_policy_basis\",\"args\":[],}")] // not JSON as stored: a trailing comma
    [InlineData("")]
    public void Text_that_is_not_coded_stays_as_typed(string typed) =>
        In("en-US", () => CodedText.Render(typed)).ShouldBe(typed);

    [Fact]
    public void Chinese_arguments_are_stored_readable_and_dates_as_iso_dates()
    {
        var stored = Coded.Text("notification.due_soon", new DateOnly(2027, 1, 4), 7, "三通一平");
        stored.ShouldContain("三通一平");
        stored.ShouldContain("\"2027-01-04\"");
        In("zh-CN", () => CodedText.Render(stored)).ShouldBe("承诺将于 2027-01-04 到期（还剩 7 个工作日）：三通一平");
        In("en-US", () => CodedText.Render(stored)).ShouldBe("Promise due on 2027-01-04 (7 working days left): 三通一平");
    }

    [Theory]
    [InlineData("{\"code\":\"authority.no_policy_basis\"}")]
    [InlineData("{\"code\":\"authority.no_policy_basis\",\"args\":5}")]
    public void A_code_without_a_list_of_arguments_reads_without_arguments(string stored) =>
        In("en-US", () => CodedText.Render(stored)).ShouldBe(Text.In(Text.English, "authority.no_policy_basis"));

    [Fact]
    public void Ledger_events_and_reasons_read_in_words_and_the_reasons_written_before_codes_too()
    {
        In("zh-CN", () => LedgerWords.Event("Recorded")).ShouldBe("登记");
        In("zh-CN", () => LedgerWords.Event("SomethingNew")).ShouldBe("SomethingNew");
        In("en-US", () => LedgerWords.Reason("breach")).ShouldBe(Text.In(Text.English, "ledger.reason.breach"));
        In("en-US", () => LedgerWords.Reason("pre-2018: remediation list")).ShouldBe(Text.In(Text.English, "ledger.reason.remediation"));
        In("en-US", () => LedgerWords.Reason(Coded.Text("ledger.reason.breach"))).ShouldBe(Text.In(Text.English, "ledger.reason.breach"));
        In("en-US", () => LedgerWords.Reason("已拨付 · 凭证.pdf")).ShouldBe("已拨付 · 凭证.pdf");
        LedgerWords.Reason(null).ShouldBeNull();
    }
}
