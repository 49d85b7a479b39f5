using BizEnv.Invest.Application.Commitments.TriageBreachAlert;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;
using System.Globalization;
using System.Text.Json;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Web.Components.Pages.Zones;

namespace BizEnv.Invest.Web.Components.Pages.Commitments;

/// <summary>Shared helpers of the promise pages: status colours, which kinds are money or capacity, ledger events and hashes in words.</summary>
public static class CommitmentFormat
{
    /// <summary>The statuses an officer moves a promise to by hand, in the order the actions are offered.</summary>
    public static readonly IReadOnlyList<CommitmentStatus> ManualMoves =
        [CommitmentStatus.InProgress, CommitmentStatus.Fulfilled, CommitmentStatus.PartlyFulfilled, CommitmentStatus.Extended, CommitmentStatus.Cancelled];

    /// <summary>Kinds whose value is required (money promised).</summary>
    public static bool NeedsValue(CommitmentKind kind) => kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing;

    /// <summary>Kinds that may take a zone's capacity: land always, infrastructure (power, water, gas) and other (standard factory space) when they do.</summary>
    public static bool MayTakeCapacity(CommitmentKind kind) => kind is CommitmentKind.Land or CommitmentKind.Infrastructure or CommitmentKind.Other;

    public static string StatusColor(CommitmentStatus status) => status switch
    {
        CommitmentStatus.PendingApproval => "warning",
        CommitmentStatus.Rejected => "dark",
        CommitmentStatus.Open => "primary",
        CommitmentStatus.InProgress => "info",
        CommitmentStatus.PartlyFulfilled => "info",
        CommitmentStatus.Extended => "warning",
        CommitmentStatus.Fulfilled => "success",
        CommitmentStatus.Cancelled => "secondary",
        CommitmentStatus.Lapsed => "danger",
        CommitmentStatus.ConditionUnmet => "warning",
        _ => "light",
    };

    public static string ActionIcon(CommitmentStatus to) => to switch
    {
        CommitmentStatus.InProgress => "play-circle",
        CommitmentStatus.Fulfilled => "check2-circle",
        CommitmentStatus.PartlyFulfilled => "pie-chart",
        CommitmentStatus.Extended => "calendar-plus",
        CommitmentStatus.Cancelled => "x-circle",
        _ => "arrow-right-circle",
    };

    public static string EventColor(string @event) => @event switch
    {
        "Recorded" or "Imported" or "CaseClosed" => "secondary",
        "Approved" or "Fulfilled" or "RemediationSignedOff" or "CaseRectificationDone" => "success",
        "Rejected" or "Lapsed" or "BreachConfirmed" or "RemediationEscalated" or "AmendmentRejected" => "danger",
        "Extended" or "BreachDismissed" or "AmendmentRequested" or "RemediationListed" or "ConditionUnmet" => "warning",
        "ConditionsMet" => "success",
        _ => "primary",
    };

    /// <summary>What an entry changed that its event name does not say: the share fulfilled, the new due date (read from the state it recorded).</summary>
    public static string? Change(LedgerEntryDto entry)
    {
        if (entry.Event is not ("PartlyFulfilled" or "Extended" or "ConditionsMet"))
            return null;
        try
        {
            using var state = JsonDocument.Parse(entry.State);
            var root = state.RootElement;
            // Conditions met: the state records the promise beside the conditions' evidence; the new due date is the promise's.
            if (entry.Event == "ConditionsMet" && root.TryGetProperty("Commitment", out var promise) && promise.ValueKind == JsonValueKind.Object
                && promise.TryGetProperty(nameof(CommitmentState.DueDate), out var resumed) && resumed.ValueKind == JsonValueKind.String)
                return Text.Get("commitments.entry_new_due", resumed.GetString());
            if (entry.Event == "PartlyFulfilled" && root.TryGetProperty(nameof(CommitmentState.FulfilledShare), out var share) && share.ValueKind == JsonValueKind.Number)
                return Text.Get("commitments.entry_share", share.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture));
            if (entry.Event == "Extended" && root.TryGetProperty(nameof(CommitmentState.DueDate), out var due) && due.ValueKind == JsonValueKind.String)
                return Text.Get("commitments.entry_new_due", due.GetString());
        }
        catch (JsonException)
        {
            // An entry written in another shape: its event and reason still tell the story.
        }
        return null;
    }

    /// <summary>Enough of a SHA-256 to tell entries apart at a glance; the full hash is in the tooltip.</summary>
    public static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>A dismissal is stored as "Reason: explanation"; the reason is shown in words.</summary>
    public static (string Reason, string? Explanation) Dismissal(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
            return ("—", null);
        var parts = stored.Split(": ", 2);
        return DismissReasons.All.Contains(parts[0])
            ? (Text.Get($"breach.reason.{parts[0]}"), parts.Length == 2 ? parts[1] : null)
            : (stored, null);
    }

    /// <summary>"土地 80 亩" — the capacity a promise holds, in the unit people read.</summary>
    public static string? Capacity(CommitmentState c) =>
        c.Resource is { } r && c.Amount is { } a ? $"{Text.Get($"resource.{r}")} {ZoneFormat.Amount(r, a)}" : null;

    public static string Clip(string text, int length = 60) => text.Length > length ? text[..length] + "…" : text;
}
