using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Domain.Commitments;

/// <summary>What a promise gives: its kind, clause, value, the capacity it takes, its dates and its basis.</summary>
public sealed record PromiseTerms(
    CommitmentKind Kind, string Clause, decimal? ValueCny, Guid? ZoneId, Resource? Resource, decimal? Amount, DateOnly MadeOn, DateOnly DueDate,
    string? PolicyTitle, string? PolicyNumber, string? ContractRef)
{
    public bool HasPolicyBasis => !string.IsNullOrWhiteSpace(PolicyTitle) && !string.IsNullOrWhiteSpace(PolicyNumber);

    /// <summary>Land, space or power promised in a zone: held there while the promise binds.</summary>
    public bool TakesCapacity => ZoneId is not null;

    public static bool NeedsValue(CommitmentKind kind) => kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing;
}

/// <summary>The amendable terms of a promise (dates change by extension, capacity by a new promise).</summary>
public sealed record AmendedTerms(string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef)
{
    public bool HasPolicyBasis => !string.IsNullOrWhiteSpace(PolicyTitle) && !string.IsNullOrWhiteSpace(PolicyNumber);
}

/// <summary>A widening amendment waiting for a leader.</summary>
public sealed record PendingAmendment(Guid Id, AmendedTerms Terms, string Reason, int Version);

/// <summary>What a zone must do with the capacity a promise takes, after the promise's change commits (or before, for a hold).</summary>
public enum CapacityStep { None, Hold, Release }

/// <summary>
/// One accepted change of a promise: the ledger event and its reason, and what goes with it in the
/// same transaction (a remediation-list entry, a breach alert) or around it (a capacity hold or release).
/// </summary>
public sealed record PromiseChange(string Event, string? Reason, CapacityStep Capacity = CapacityStep.None, bool JoinsRemediation = false,
    bool RaisesBreach = false, bool ChangesRow = true);
