using System.Collections.Immutable;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Handover;

/// <summary>Where one item of a handover stands.</summary>
public enum HandoverItemStatus
{
    /// <summary>Listed, not moved yet (the handover resumes it).</summary>
    Pending,

    /// <summary>With the successor, waiting for their acknowledgement.</summary>
    Assigned,

    /// <summary>The successor has confirmed they hold it.</summary>
    Acknowledged,

    /// <summary>Closed, or no longer the leaving user's, before it could move: nothing to acknowledge.</summary>
    Closed,
}

/// <summary>One item of a handover, named by its kind and its own id (the promise, the project, the demand …).</summary>
public sealed record HandoverItem(string Kind, Guid SubjectId, string Label, HandoverItemStatus Status)
{
    public bool IsUnacknowledged => Status == HandoverItemStatus.Assigned;
}

/// <summary>What moving one item came to: now with the successor (moved now or before), or gone from the leaving user.</summary>
public enum ItemMove
{
    Assigned,
    Closed,
}

/// <summary>
/// A handover 工作交接: the open items of one leaving user passing to one successor. It completes when no
/// item is pending; each assigned item is then acknowledged by the successor alone, once.
/// </summary>
public sealed record Handover(Guid Id, Guid From, Guid Successor, ImmutableList<HandoverItem> Items)
{
    public bool IsComplete => Items.All(i => i.Status != HandoverItemStatus.Pending);

    public IEnumerable<HandoverItem> Pending => Items.Where(i => i.Status == HandoverItemStatus.Pending);

    /// <summary>The handover with the items a later look found (a straggler created meanwhile); items it already has are kept as they are.</summary>
    public Handover Adding(IEnumerable<HandoverItem> found) =>
        this with { Items = Items.AddRange(found.Where(f => Find(f.Kind, f.SubjectId) is null).DistinctBy(f => (f.Kind, f.SubjectId))
            .Select(f => f with { Status = HandoverItemStatus.Pending })) };

    /// <summary>Records how moving a pending item came out; an item already past pending stays as it is (a resumed run repeats no step).</summary>
    public (Handover Next, HandoverItem Item)? Moved(string kind, Guid subject, ItemMove move)
    {
        var item = Find(kind, subject) ?? throw new DomainException("handover.item_unknown");
        if (item.Status != HandoverItemStatus.Pending)
            return null;
        var next = item with { Status = move == ItemMove.Assigned ? HandoverItemStatus.Assigned : HandoverItemStatus.Closed };
        return (this with { Items = Items.Replace(item, next) }, next);
    }

    /// <summary>
    /// The successor confirms they hold an item. Only the successor may; only a moved item can be
    /// confirmed; confirming it again changes nothing (null).
    /// </summary>
    public (Handover Next, HandoverItem Item)? Acknowledge(string kind, Guid subject, Guid by)
    {
        if (by != Successor)
            throw new DomainException("handover.not_successor");
        var item = Find(kind, subject) ?? throw new DomainException("handover.item_unknown");
        switch (item.Status)
        {
            case HandoverItemStatus.Acknowledged:
                return null;
            case HandoverItemStatus.Pending:
                throw new DomainException("handover.not_yet_assigned");
            case HandoverItemStatus.Closed:
                throw new DomainException("handover.item_closed");
        }
        var next = item with { Status = HandoverItemStatus.Acknowledged };
        return (this with { Items = Items.Replace(item, next) }, next);
    }

    /// <summary>Every moved item not yet confirmed, confirmed at once by the successor (pending ones wait for their move).</summary>
    public (Handover Next, IReadOnlyList<HandoverItem> Items) AcknowledgeAll(Guid by)
    {
        if (by != Successor)
            throw new DomainException("handover.not_successor");
        var now = Items.Where(i => i.IsUnacknowledged).ToList();
        var next = this;
        foreach (var item in now)
            next = next.Acknowledge(item.Kind, item.SubjectId, by)!.Value.Next;
        return (next, [.. now.Select(i => i with { Status = HandoverItemStatus.Acknowledged })]);
    }

    private HandoverItem? Find(string kind, Guid subject) => Items.FirstOrDefault(i => i.Kind == kind && i.SubjectId == subject);
}
