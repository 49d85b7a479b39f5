using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Handover.Grain;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Handover;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Handover;

/// <summary>Who leaves, why, to whom, and the unit whose items they were.</summary>
public sealed record DepartureOrder(Guid User, string UserName, HandoverCause Cause, Guid FromUnitId, Guid? Successor, Guid AdminId);

/// <summary>
/// A user leaves (disabled or moved): every open item of every kind they own is handed to the named
/// successor through a handover grain, or — when a successor is missing or cannot own some kind — the
/// departure is refused with the counts per kind, and nothing has moved. Used by the admin's disable and
/// edit of a user, before their own change of the account.
/// </summary>
public static class Departure
{
    /// <summary>The user's open items, every kind.</summary>
    public static async Task<IReadOnlyList<HandoverItemRef>> OpenItemsAsync(IEnumerable<IHandoverKind> kinds, NpgsqlConnection cn, NpgsqlTransaction? tx,
        Guid user, CancellationToken ct)
    {
        var all = new List<HandoverItemRef>();
        foreach (var kind in kinds)
            all.AddRange(await kind.ListOpenAsync(cn, tx, user, ct));
        return all;
    }

    public static IReadOnlyList<OpenItems> Count(IEnumerable<IHandoverKind> kinds, IReadOnlyList<HandoverItemRef> items) =>
        [.. kinds.Select(k => new OpenItems(k.Kind, items.Count(i => i.Kind == k.Kind)))];

    /// <summary>Hands everything over (null when the user owns nothing open); refuses as described above.</summary>
    public static async Task<HandoverSummary?> HandOverAsync(IReadOnlyList<IHandoverKind> kinds, IGrainFactory grains, NpgsqlConnection cn,
        NpgsqlTransaction? tx, DepartureOrder d, CommandContext context, CancellationToken ct)
    {
        var items = await OpenItemsAsync(kinds, cn, tx, d.User, ct);
        var counts = Count(kinds, items);
        if (items.Count == 0)
            return null;
        var refusing = new List<string>();
        if (d.Successor is { } s && s != d.User)
        {
            if (!await HandoverLabels.HasActiveRoleAsync(cn, tx, s, null, ct))
                throw ValidationText.FieldError(HandoverRules.SuccessorField, "handover.successor_inactive");
            foreach (var kind in kinds.Where(k => items.Any(i => i.Kind == k.Kind)))
                if (!await kind.MayOwnAsync(cn, tx, s, ct))
                    refusing.Add(kind.Kind);
        }
        try
        {
            HandoverRules.EnsureCanDepart(d.User, counts, d.Successor, refusing);
        }
        catch (FieldRuleException f)
        {
            // Shown beside the successor field, like any validation error (400 with field errors from the API).
            throw ValidationText.FieldError(f.Field, f.Code, [.. f.Args]);
        }
        var reason = Coded.Text(d.Cause == HandoverCause.Disabled ? "handover.reason.disabled" : "handover.reason.moved", d.UserName);
        var plan = new HandoverPlan(d.User, d.Successor!.Value, d.Cause, d.FromUnitId, reason, d.AdminId, [.. items]);
        var reply = await grains.GetGrain<IHandoverGrain>(Guid.NewGuid()).Start(plan, context with { IdempotencyKey = null, Fingerprint = [] });
        return reply.Result<HandoverSummary>();
    }
}
