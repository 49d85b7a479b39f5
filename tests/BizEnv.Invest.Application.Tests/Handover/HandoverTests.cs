using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Tests.Agreements;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.Receipts.GetReceipt;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Concierge.AssignConcierge;
using BizEnv.Invest.Application.Crm.Visits.LogVisit;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Handover;
using BizEnv.Invest.Application.Handover.AcknowledgeAllHandovers;
using BizEnv.Invest.Application.Handover.AcknowledgeHandover;
using BizEnv.Invest.Application.Handover.GetOpenItems;
using BizEnv.Invest.Application.Handover.Grain;
using BizEnv.Invest.Application.Handover.Kinds;
using BizEnv.Invest.Application.Handover.ListMyHandovers;
using BizEnv.Invest.Application.Handover.ListUnacknowledgedHandovers;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Users.CreateUser;
using BizEnv.Invest.Application.Users.GetUser;
using BizEnv.Invest.Application.Users.SetUserDisabled;
using BizEnv.Invest.Application.Users.UpdateUser;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Handover;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Handover;

/// <summary>
/// Handover continuity 新官理旧账 on two silos and a real database: an officer disabled or moved with open
/// items of every kind hands each one to the named successor (refused, with nothing moved, without one),
/// the ledger records each move and each acknowledgement under the item's id, nothing is left naming the
/// leaving officer, leaders see what is unacknowledged by unit, and a handover cut off midway resumes
/// moving each item exactly once.
/// </summary>
public sealed class HandoverTests(HandoverNodes app) : IClassFixture<HandoverNodes>
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    private async Task<Actor> NewOfficer(string userName, string displayName, string unit = "HCZS1", Role role = Role.PromotionOfficer)
    {
        await app.Send(new CreateUser(userName, displayName, await app.UnitId(unit), [role], null, null, "Offic3r#Hand2026"), await app.As("admin"));
        return await app.As(userName);
    }

    /// <summary>One open item of every kind the officer owns: a promise they made, a concierge case they serve as A, a demand they hold.</summary>
    private async Task<(Guid Promise, Guid Project, Guid Demand)> EveryKind(Actor owner)
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(owner);
        var project = await app.NewProject(owner, investor.Id, KeyProjectLevel.Municipal);
        await app.Send(new AssignConcierge(project.Id, owner.UserId!.Value, officer.UserId, null), owner);
        var promise = await app.Send(new RecordCommitment(project.Id, CommitmentKind.ApprovalSpeed, "施工许可 10 个工作日内办结", null, null, null, null,
            Today, Today.AddDays(120), null, null, null), owner);
        await app.Send(new LogVisit(investor.Id, project.Id, Today, "走访了解用电需求", null, [], [new DemandInput("协调用电增容 2000 千伏安", owner.UserId!.Value, Today.AddDays(30))]), owner);
        var demand = await app.Scalar<Guid>("SELECT id FROM demands WHERE owner_id = @u", new { u = owner.UserId });
        return (promise.Id, project.Id, demand);
    }

    private Task<long> Count(string sql, object args) => app.Scalar<long>(sql, args);

    private async Task<long> Entries(Guid subject, string @event) =>
        await Count("SELECT count(*) FROM ledger_history WHERE commitment_id = @subject AND event = @event", new { subject, @event });

    /// <summary>Every open item, of every kind, that names the user as its owner.</summary>
    private async Task<long> StillNamed(Guid user) =>
        await Count("SELECT count(*) FROM commitments WHERE owner_id = @user AND status = ANY(@open)", new { user, open = PromiseHandoverKind.OpenStatuses })
        + await Count("SELECT count(*) FROM concierge_assignments WHERE ended_at IS NULL AND @user IN (a_user_id, b_user_id)", new { user })
        + await Count("SELECT count(*) FROM demands WHERE owner_id = @user AND status = 'Open'", new { user });

    [Fact]
    public async Task An_officer_disabled_with_open_items_of_every_kind_hands_each_to_the_successor_who_acknowledges_each_on_the_ledger()
    {
        var admin = await app.As("admin");
        var leader = await app.As("leader");
        var leaving = await NewOfficer("hand_leaving1", "钱多多");
        var successor = await NewOfficer("hand_successor1", "孙承");
        var (promise, project, demand) = await EveryKind(leaving);
        var leavingId = leaving.UserId!.Value;

        (await app.Send(new GetOpenItems(leavingId), admin)).ShouldBe(
            [new("promise", 1), new("concierge", 1), new("demand", 1), new("agreement", 0), new("obligation", 0)], ignoreOrder: true);

        // No successor: refused with the counts per kind, and nothing moved.
        var refused = await Should.ThrowAsync<ValidationException>(() => app.Send(new SetUserDisabled(leavingId, true), admin));
        var error = refused.Errors.ShouldHaveSingleItem();
        (error.PropertyName, error.ErrorCode).ShouldBe((HandoverRules.SuccessorField, "handover.successor_required"));
        error.ErrorMessage.ShouldContain(Application.Localization.Text.Get("handoverkind.concierge"));
        // A successor who may not own a concierge case (a leader, not an officer) is refused too.
        (await Should.ThrowAsync<ValidationException>(() => app.Send(new SetUserDisabled(leavingId, true, leader.UserId), admin)))
            .Errors.Single().ErrorCode.ShouldBe("handover.successor_cannot_own");
        (await app.Send(new GetUser(leavingId), admin)).IsDisabled.ShouldBeFalse();
        (await Count("SELECT count(*) FROM handovers WHERE from_user_id = @leavingId", new { leavingId })).ShouldBe(0);
        (await StillNamed(leavingId)).ShouldBe(3);

        // Disabled from the second node: every item moves to the successor, each with its ledger entry, in its owner's transaction.
        await app.SendOn(app.Second, new SetUserDisabled(leavingId, true, successor.UserId), admin);
        (await app.Send(new GetUser(leavingId), admin)).IsDisabled.ShouldBeTrue();
        (await StillNamed(leavingId)).ShouldBe(0);
        (await app.Send(new GetOpenItems(leavingId), admin)).ShouldAllBe(o => o.Count == 0);
        (await app.Scalar<Guid>("SELECT owner_id FROM commitments WHERE id = @promise", new { promise })).ShouldBe(successor.UserId!.Value);
        (await app.Scalar<Guid>("SELECT a_user_id FROM concierge_assignments WHERE project_id = @project AND ended_at IS NULL", new { project })).ShouldBe(successor.UserId!.Value);
        (await app.Scalar<Guid>("SELECT owner_id FROM demands WHERE id = @demand", new { demand })).ShouldBe(successor.UserId!.Value);
        foreach (var subject in new[] { promise, project, demand })
            (await Entries(subject, HandoverEvents.Assigned)).ShouldBe(1);

        // Leaders see three unacknowledged items in the officer's unit.
        var unit = leaving.UnitId!.Value;
        var view = await app.Send(new ListUnacknowledgedHandovers(unit), leader);
        view.ByUnit.Single(u => u.UnitId == unit).Unacknowledged.ShouldBeGreaterThanOrEqualTo(3); // other tests of the class hand over in this unit too
        view.Items.Count(i => i.FromName == "钱多多" && i.SuccessorName == "孙承").ShouldBe(3);

        // The successor's home page lists them; nobody else can acknowledge them.
        var mine = await app.Send(new ListMyHandovers(), successor);
        mine.Select(i => (i.Kind, i.SubjectId, i.Status)).ShouldBe(
            [("promise", promise, HandoverItemStatus.Assigned), ("concierge", project, HandoverItemStatus.Assigned), ("demand", demand, HandoverItemStatus.Assigned)],
            ignoreOrder: true);
        mine.Single(i => i.Kind == "promise").Link.ShouldBe($"/commitments/{promise}");
        var first = mine.Single(i => i.Kind == "demand");
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new AcknowledgeHandover(first.HandoverId, "demand", demand), leader));

        var one = await app.Send(new AcknowledgeHandover(first.HandoverId, "demand", demand), successor);
        (one.Acknowledged, one.Assigned).ShouldBe((1, 2));
        (await Entries(demand, HandoverEvents.Acknowledged)).ShouldBe(1);
        await app.Send(new AcknowledgeHandover(first.HandoverId, "demand", demand), successor); // again: nothing new
        (await Entries(demand, HandoverEvents.Acknowledged)).ShouldBe(1);

        await app.SendOn(app.Second, new AcknowledgeAllHandovers(), successor);
        foreach (var subject in new[] { promise, project, demand })
            (await Entries(subject, HandoverEvents.Acknowledged)).ShouldBe(1);
        (await app.Send(new ListMyHandovers(), successor)).ShouldBeEmpty();
        (await app.Send(new ListUnacknowledgedHandovers(unit), leader)).Items.ShouldNotContain(i => i.FromName == "钱多多");
        (await Count("SELECT count(*) FROM audit_log WHERE action = 'AcknowledgeHandover' AND outcome = 'success' AND user_id = @u", new { u = successor.UserId }))
            .ShouldBeGreaterThanOrEqualTo(1);
        (await Count("SELECT count(*) FROM handovers WHERE from_user_id = @leavingId AND completed_at IS NOT NULL", new { leavingId })).ShouldBe(1);

        // Entries whose subject is a project or a demand keep the chain whole; a promise receipt is not given for them (404, no crash).
        var integrity = await app.As("integrity");
        await app.SealLedgerAsync();
        (await app.Send(new VerifyLedger(), integrity)).Intact.ShouldBeTrue();
        var seq = await app.Scalar<long>("SELECT seq FROM commitment_ledger WHERE commitment_id = @demand", new { demand });
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetReceipt(demand, seq), integrity));
    }

    [Fact]
    public async Task An_officer_who_keeps_an_agreement_hands_it_and_its_obligations_still_owed_to_the_successor_through_the_agreements_grain()
    {
        var admin = await app.As("admin");
        var leaving = await NewOfficer("hand_keeper1", "周协议");
        var successor = await NewOfficer("hand_keeper2", "吴接手");
        var leavingId = leaving.UserId!.Value;
        var (_, saved) = await app.NewAgreement(leaving,
            AgreementBuilders.Obligation(ObligationKind.Jobs, 200m, "人", Today.AddYears(1)),
            AgreementBuilders.Obligation(ObligationKind.TaxPerMu, 30m, "万元/亩/年", Today.AddYears(2)));
        var agreement = saved.AgreementId;
        var obligations = await app.Scalar<Guid[]>("SELECT array_agg(id ORDER BY kind) FROM obligations WHERE agreement_id = @agreement", new { agreement });
        // One obligation already met is no longer the leaver's to follow: it stays as it is.
        await app.Scalar<int>("WITH o AS (UPDATE obligations SET status = 'Met', met_on = @Today WHERE id = @met) SELECT 1", new { Today, met = obligations[0] });
        (await app.Send(new GetOpenItems(leavingId), admin)).Where(o => o.Count > 0).ShouldBe([new("agreement", 1), new("obligation", 1)], ignoreOrder: true);

        await app.SendOn(app.Second, new SetUserDisabled(leavingId, true, successor.UserId), admin);

        var successorId = successor.UserId!.Value;
        (await app.Scalar<Guid>("SELECT owner_id FROM agreements WHERE id = @agreement", new { agreement })).ShouldBe(successorId);
        (await app.Scalar<Guid>("SELECT owner_id FROM obligations WHERE id = @open", new { open = obligations[1] })).ShouldBe(successorId);
        (await app.Scalar<Guid>("SELECT owner_id FROM obligations WHERE id = @met", new { met = obligations[0] })).ShouldBe(leavingId);
        foreach (var subject in new[] { agreement, obligations[1] })
            (await Entries(subject, HandoverEvents.Assigned)).ShouldBe(1);
        (await Entries(obligations[0], HandoverEvents.Assigned)).ShouldBe(0);
        (await app.Send(new GetOpenItems(leavingId), admin)).ShouldAllBe(o => o.Count == 0);

        var mine = await app.Send(new ListMyHandovers(), successor);
        mine.Select(i => i.Kind).ShouldBe(["agreement", "obligation"], ignoreOrder: true);
        mine.Single(i => i.Kind == "agreement").Link.ShouldBe($"/agreements/{agreement}");
        await app.Send(new AcknowledgeAllHandovers(), successor);
        foreach (var subject in new[] { agreement, obligations[1] })
            (await Entries(subject, HandoverEvents.Acknowledged)).ShouldBe(1);
    }

    [Fact]
    public async Task An_officer_moved_to_another_unit_leaves_their_items_with_the_successor_and_keeps_nothing_of_the_old_unit()
    {
        var admin = await app.As("admin");
        var moving = await NewOfficer("hand_moving1", "周调");
        var successor = await NewOfficer("hand_successor2", "郑接");
        var (promise, project, demand) = await EveryKind(moving);
        var user = await app.Send(new GetUser(moving.UserId!.Value), admin);
        var otherUnit = await app.UnitId("HCZS2");
        var move = new UpdateUser(user.Id, user.DisplayName, otherUnit, user.Roles, user.Email, user.Phone, user.Version);

        (await Should.ThrowAsync<ValidationException>(() => app.Send(move, admin))).Errors.Single().ErrorCode.ShouldBe("handover.successor_required");
        (await app.Send(new GetUser(user.Id), admin)).UnitId.ShouldNotBe(otherUnit);
        // Renaming without a move needs no successor.
        var renamed = await app.Send(move with { UnitId = user.UnitId, DisplayName = "周调（在岗）" }, admin);

        var moved = await app.Send(move with { Version = renamed.Version, SuccessorId = successor.UserId }, admin);
        moved.UnitId.ShouldBe(otherUnit);
        (await StillNamed(user.Id)).ShouldBe(0);
        foreach (var subject in new[] { promise, project, demand })
            (await Entries(subject, HandoverEvents.Assigned)).ShouldBe(1);
        (await app.Scalar<string>("SELECT cause FROM handovers WHERE from_user_id = @Id", user)).ShouldBe("Moved");
        (await app.Scalar<Guid>("SELECT from_unit_id FROM handovers WHERE from_user_id = @Id", user)).ShouldBe(user.UnitId);
    }

    [Fact]
    public async Task A_handover_cut_off_after_some_items_moved_resumes_on_another_node_and_moves_each_item_exactly_once()
    {
        var leaving = await NewOfficer("hand_leaving3", "冯断");
        var successor = await NewOfficer("hand_successor3", "陈续");
        var (promise, project, demand) = await EveryKind(leaving);
        var leavingId = leaving.UserId!.Value;
        var id = Guid.NewGuid();
        var kinds = app.Services.GetServices<IHandoverKind>().ToList();

        // What a node that died midway leaves behind: the handover and its items committed, the promise
        // moved by its grain (with its ledger entry), but the handover never told.
        await using (var cn = new NpgsqlConnection(app.Database.AppConnectionString))
        {
            await cn.OpenAsync();
            var items = await Departure.OpenItemsAsync(kinds, cn, null, leavingId, default);
            items.Count.ShouldBe(3);
            await using var tx = await cn.BeginTransactionAsync();
            await HandoverBook.InsertAsync(cn, tx, id, new HandoverPlan(leavingId, successor.UserId!.Value, HandoverCause.Disabled, leaving.UnitId!.Value,
                "{\"code\":\"handover.reason.disabled\",\"args\":[\"冯断\"]}", (await app.As("admin")).UserId!.Value, [.. items]), app.Clock.GetUtcNow(), default);
            await tx.CommitAsync();
        }
        var order = new HandoverOrder(id, leavingId, successor.UserId!.Value, "{\"code\":\"handover.reason.disabled\",\"args\":[\"冯断\"]}");
        var promiseKind = kinds.Single(k => k.Kind == PromiseHandoverKind.Name);
        (await promiseKind.HandOverAsync(new HandoverItemRef("promise", promise, "承诺"), order, CommandContext.System("HandOver", "handover", id)))
            .ShouldBe(ItemMove.Assigned);
        (await Entries(promise, HandoverEvents.Assigned)).ShouldBe(1);
        await app.Scalar<int>("WITH u AS (UPDATE users SET is_disabled = true WHERE id = @leavingId) SELECT 1", new { leavingId });

        // The reminder's tick (here called directly, on the other node) finishes it.
        var summary = await app.Second.Grains.GetGrain<IHandoverGrain>(id).Resume();
        (summary.Items, summary.Assigned, summary.Pending).ShouldBe((3, 3, 0));
        summary.Complete.ShouldBeTrue();
        foreach (var subject in new[] { promise, project, demand })
            (await Entries(subject, HandoverEvents.Assigned)).ShouldBe(1); // the promise moved before: not moved, nor written, twice
        (await StillNamed(leavingId)).ShouldBe(0);

        // Again: nothing changes.
        (await app.Grains.GetGrain<IHandoverGrain>(id).Resume()).ShouldBe(summary);
        (await Entries(promise, HandoverEvents.Assigned)).ShouldBe(1);
        (await Count("SELECT count(*) FROM handovers WHERE id = @id AND completed_at IS NOT NULL", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_user_who_owns_nothing_open_is_disabled_without_a_successor_and_no_handover_is_recorded()
    {
        var idle = await NewOfficer("hand_idle", "闲置");
        await app.Send(new SetUserDisabled(idle.UserId!.Value, true), await app.As("admin"));
        (await Count("SELECT count(*) FROM handovers WHERE from_user_id = @u", new { u = idle.UserId })).ShouldBe(0);
    }

    [Fact]
    public async Task A_closed_item_is_not_moved_and_needs_no_acknowledgement()
    {
        var leaving = await NewOfficer("hand_leaving4", "韩结");
        var successor = await NewOfficer("hand_successor4", "魏接");
        var (_, _, demand) = await EveryKind(leaving);
        var order = new HandoverOrder(Guid.NewGuid(), leaving.UserId!.Value, successor.UserId!.Value, "x");
        await app.Scalar<int>("WITH d AS (UPDATE demands SET status = 'Resolved' WHERE id = @demand) SELECT 1", new { demand });
        var kind = app.Services.GetServices<IHandoverKind>().Single(k => k.Kind == DemandHandoverKind.Name);
        (await kind.HandOverAsync(new HandoverItemRef("demand", demand, "诉求"), order, CommandContext.System("HandOver", "handover", order.HandoverId)))
            .ShouldBe(ItemMove.Closed);
        (await Entries(demand, HandoverEvents.Assigned)).ShouldBe(0);
        (await app.Scalar<Guid>("SELECT owner_id FROM demands WHERE id = @demand", new { demand })).ShouldBe(leaving.UserId!.Value);
    }
}
