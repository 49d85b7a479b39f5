using System.Collections.Immutable;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Handover;
using HandoverRecord = BizEnv.Invest.Domain.Handover.Handover;

namespace BizEnv.Invest.Domain.Tests.Handover;

public sealed class HandoverTests
{
    private static readonly Guid Leaving = Guid.NewGuid();
    private static readonly Guid Successor = Guid.NewGuid();
    private static readonly Guid P1 = Guid.NewGuid();
    private static readonly Guid Case1 = Guid.NewGuid();
    private static readonly Guid D1 = Guid.NewGuid();

    private static readonly OpenItems[] Everything = [new("promise", 2), new("concierge", 1), new("demand", 0)];

    private static HandoverRecord Planned() => new(Guid.NewGuid(), Leaving, Successor, [
        new("promise", P1, "承诺 1", HandoverItemStatus.Pending),
        new("concierge", Case1, "项目 1", HandoverItemStatus.Pending),
        new("demand", D1, "诉求 1", HandoverItemStatus.Pending),
    ]);

    [Fact]
    public void A_user_with_open_items_cannot_leave_without_a_successor_and_the_refusal_counts_each_kind()
    {
        var refused = Should.Throw<FieldRuleException>(() => HandoverRules.EnsureCanDepart(Leaving, Everything, null, []));
        refused.Code.ShouldBe("handover.successor_required");
        refused.Field.ShouldBe(HandoverRules.SuccessorField);
        var counts = (string)refused.Args[0];
        counts.ShouldContain("handoverkind.promise");
        counts.ShouldContain("handoverkind.concierge");
        counts.ShouldNotContain("handoverkind.demand"); // none owned: not named
        counts.ShouldContain("2");
    }

    [Fact]
    public void A_user_with_nothing_open_leaves_without_a_successor() =>
        HandoverRules.EnsureCanDepart(Leaving, [new("promise", 0)], null, []).ShouldBeFalse();

    [Fact]
    public void A_user_cannot_be_their_own_successor() =>
        Should.Throw<FieldRuleException>(() => HandoverRules.EnsureCanDepart(Leaving, Everything, Leaving, [])).Code.ShouldBe("handover.successor_is_leaving");

    [Fact]
    public void A_successor_some_owned_kind_refuses_is_refused_naming_that_kind()
    {
        var refused = Should.Throw<FieldRuleException>(() => HandoverRules.EnsureCanDepart(Leaving, Everything, Successor, ["concierge", "demand"]));
        refused.Code.ShouldBe("handover.successor_cannot_own");
        ((string)refused.Args[0]).ShouldContain("handoverkind.concierge");
        ((string)refused.Args[0]).ShouldNotContain("handoverkind.demand"); // refused, but nothing of it is owned
    }

    [Fact]
    public void A_successor_every_owned_kind_accepts_takes_everything() =>
        HandoverRules.EnsureCanDepart(Leaving, Everything, Successor, ["demand"]).ShouldBeTrue();

    [Fact]
    public void A_handover_completes_only_when_no_item_is_pending()
    {
        var h = Planned();
        h.IsComplete.ShouldBeFalse();
        h = h.Moved("promise", P1, ItemMove.Assigned)!.Value.Next;
        h = h.Moved("concierge", Case1, ItemMove.Assigned)!.Value.Next;
        h.IsComplete.ShouldBeFalse();
        h.Pending.Single().SubjectId.ShouldBe(D1);
        h = h.Moved("demand", D1, ItemMove.Closed)!.Value.Next;
        h.IsComplete.ShouldBeTrue();
        h.Items.Count(i => i.IsUnacknowledged).ShouldBe(2); // the closed one waits for nobody
    }

    [Fact]
    public void Moving_an_item_again_repeats_nothing()
    {
        var h = Planned().Moved("promise", P1, ItemMove.Assigned)!.Value.Next;
        h.Moved("promise", P1, ItemMove.Assigned).ShouldBeNull();
        h.Moved("promise", P1, ItemMove.Closed).ShouldBeNull();
    }

    [Fact]
    public void An_item_not_in_the_handover_is_refused() =>
        Should.Throw<DomainException>(() => Planned().Moved("promise", Guid.NewGuid(), ItemMove.Assigned)).Code.ShouldBe("handover.item_unknown");

    [Fact]
    public void Only_the_successor_acknowledges_and_only_what_has_moved()
    {
        var h = Planned().Moved("promise", P1, ItemMove.Assigned)!.Value.Next.Moved("demand", D1, ItemMove.Closed)!.Value.Next;
        Should.Throw<DomainException>(() => h.Acknowledge("promise", P1, Leaving)).Code.ShouldBe("handover.not_successor");
        Should.Throw<DomainException>(() => h.Acknowledge("concierge", Case1, Successor)).Code.ShouldBe("handover.not_yet_assigned");
        Should.Throw<DomainException>(() => h.Acknowledge("demand", D1, Successor)).Code.ShouldBe("handover.item_closed");
        var (acked, item) = h.Acknowledge("promise", P1, Successor)!.Value;
        item.Status.ShouldBe(HandoverItemStatus.Acknowledged);
        acked.Acknowledge("promise", P1, Successor).ShouldBeNull(); // a second confirmation changes nothing
    }

    [Fact]
    public void Acknowledging_all_confirms_every_moved_item_and_leaves_pending_ones_waiting()
    {
        var h = Planned().Moved("promise", P1, ItemMove.Assigned)!.Value.Next.Moved("concierge", Case1, ItemMove.Assigned)!.Value.Next;
        Should.Throw<DomainException>(() => h.AcknowledgeAll(Leaving)).Code.ShouldBe("handover.not_successor");
        var (next, items) = h.AcknowledgeAll(Successor);
        items.Select(i => i.SubjectId).ShouldBe([P1, Case1], ignoreOrder: true);
        next.Items.Single(i => i.SubjectId == D1).Status.ShouldBe(HandoverItemStatus.Pending);
        next.AcknowledgeAll(Successor).Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_later_look_adds_only_items_the_handover_does_not_have()
    {
        var h = Planned().Moved("promise", P1, ItemMove.Assigned)!.Value.Next;
        var straggler = Guid.NewGuid();
        var next = h.Adding([new("promise", P1, "承诺 1", HandoverItemStatus.Pending), new("demand", straggler, "诉求 2", HandoverItemStatus.Assigned)]);
        next.Items.Count.ShouldBe(4);
        next.Items.Single(i => i.SubjectId == P1).Status.ShouldBe(HandoverItemStatus.Assigned);
        next.Items.Single(i => i.SubjectId == straggler).Status.ShouldBe(HandoverItemStatus.Pending);
        next.IsComplete.ShouldBeFalse();
    }
}
