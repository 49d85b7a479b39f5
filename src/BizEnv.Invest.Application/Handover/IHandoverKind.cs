using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Handover;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Handover;

/// <summary>
/// One kind of item a user can own (a promise, a concierge case, a demand, an agreement, an obligation):
/// the port a handover 新官理旧账 goes through, so the handover needs to know nothing of the item's
/// rows or of which grain writes them. Each kind's owner moves its own items, writing a
/// <c>Handover.Assigned</c> ledger entry under the item's id in the transaction of that change.
/// Registered in <see cref="DependencyInjection"/>; a kind added there is handed over everywhere.
/// </summary>
public interface IHandoverKind
{
    /// <summary>The kind's stable name ("promise", "concierge", "demand" …), stored with each handover item.</summary>
    string Kind { get; }

    /// <summary>The user's open items of this kind (what must not be left without an owner).</summary>
    Task<IReadOnlyList<HandoverItemRef>> ListOpenAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, CancellationToken ct);

    /// <summary>Whether <paramref name="successor"/> may own items of this kind (an active account with the role the kind needs).</summary>
    Task<bool> MayOwnAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid successor, CancellationToken ct);

    /// <summary>
    /// Moves one item to the successor. Idempotent per item: an item already with the successor answers
    /// <see cref="ItemMove.Assigned"/> and writes nothing again; one closed or no longer the leaving
    /// user's answers <see cref="ItemMove.Closed"/>. A refusal or fault throws (the handover retries it).
    /// </summary>
    Task<ItemMove> HandOverAsync(HandoverItemRef item, HandoverOrder order, CommandContext context);
}

/// <summary>One item of a kind, as the handover lists and shows it.</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.HandoverItemRef")]
public sealed record HandoverItemRef([property: Id(0)] string Kind, [property: Id(1)] Guid SubjectId, [property: Id(2)] string Label);

/// <summary>What every item of one handover is moved under: the handover, from whom, to whom, why (coded text).</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.HandoverOrder")]
public sealed record HandoverOrder([property: Id(0)] Guid HandoverId, [property: Id(1)] Guid From, [property: Id(2)] Guid Successor, [property: Id(3)] string Reason);

/// <summary>The ledger state of a <c>Handover.Assigned</c> entry: which handover moved the item, from whom, to whom.</summary>
public sealed record HandoverAssigned(Guid HandoverId, string Kind, Guid SubjectId, Guid From, Guid To);

public static class HandoverEvents
{
    public const string Assigned = "Handover.Assigned";
    public const string Acknowledged = "Handover.Acknowledged";
}
