using System.Globalization;
using System.Text.Json;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Application.Tests.Commitments;

/// <summary>What a ledger entry records of a state: the state, not words made for one reader — the same JSON whoever's language wrote it.</summary>
public sealed class LedgerStateJsonTests
{
    private static readonly CommitmentState Pending = new(Guid.Empty, Guid.Empty, "HC-2026-0001", Guid.Empty, "某公司", Guid.Empty, CommitmentKind.Subsidy, "补助",
        50_000_000m, null, null, null, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), "李志强", null, null, null, CommitmentStatus.PendingApproval,
        Coded.Text("authority.no_policy_basis"), null, 1);

    private static string In(string culture, object state)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return JsonSerializer.Serialize(state, LedgerWriter.StateJson); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void A_promise_state_records_its_coded_reason_and_not_its_words_in_either_language()
    {
        var zh = In("zh-CN", Pending);
        zh.ShouldBe(In("en-US", Pending));
        zh.ShouldNotContain(nameof(CommitmentState.PendingReasonText));
        zh.ShouldContain("\"PendingReason\":\"{\\\"code\\\":\\\"authority.no_policy_basis\\\"");
    }

    [Fact]
    public void Other_computed_state_stays_recorded_as_before()
    {
        var item = RemediationList.Fresh(Guid.Empty, RemediationSource.Lapsed, DateTimeOffset.UnixEpoch) with { Status = "SignedOff" };
        In("zh-CN", item).ShouldContain("\"SignedOff\":true");
    }
}
