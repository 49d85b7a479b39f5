using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.RecordCommitment;

/// <summary>
/// Record a promise 承诺 made to a project's investor. Within the officer's authority and with a
/// policy basis it binds at once (Open); otherwise it is held as pending approval with the exact
/// limit it exceeded. A binding promise of land, space or power reserves that capacity through the
/// capacity guard in the same transaction — if the zone cannot supply it, nothing is recorded.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record RecordCommitment(
    Guid ProjectId, CommitmentKind Kind, string Clause, decimal? ValueCny, Guid? ZoneId, Resource? Resource, decimal? Amount,
    DateOnly MadeOn, DateOnly DueDate, string? PolicyTitle, string? PolicyNumber, string? ContractRef) : ICommand<CommitmentState>;

public sealed class RecordCommitmentValidator : AbstractValidator<RecordCommitment>
{
    public RecordCommitmentValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithText("commitment.kind_unknown");
        RuleFor(x => x.Clause).NotEmpty().WithText("commitment.clause_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.ValueCny).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(10_000_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.ValueCny).NotNull().WithText("commitment.value_required")
            .When(x => x.Kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing);
        RuleFor(x => x.DueDate).GreaterThanOrEqualTo(x => x.MadeOn).WithText("commitment.due_before_made");
        RuleFor(x => x.Amount).GreaterThan(0).WithText("capacity.amount_positive").When(x => x.Amount is not null);
        RuleFor(x => x).Must(x => (x.ZoneId is null) == (x.Resource is null) && (x.ZoneId is null) == (x.Amount is null))
            .WithName("ZoneId").WithText("commitment.capacity_incomplete");
        RuleFor(x => x.ZoneId).NotNull().WithText("commitment.land_needs_zone").When(x => x.Kind == CommitmentKind.Land);
        RuleFor(x => x.PolicyTitle).MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.PolicyNumber).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.ContractRef).MaximumLength(100).WithText("field.too_long", 100);
    }
}

public sealed class RecordCommitmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, CapacityGuard guard, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<RecordCommitment, CommitmentState>
{
    public async Task<CommitmentState> Handle(RecordCommitment r, CancellationToken ct)
    {
        var me = actor.Actor;
        var id = Guid.NewGuid();
        audit.Target("commitment", id, $"{r.Kind} {r.ValueCny}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var project = await ProjectLoad.ForWrite(cn, tx, me, r.ProjectId, ct);
        if (project.Stage == nameof(Domain.Crm.ProjectStage.Terminated))
            throw new Domain.Common.DomainException("project.terminated");

        var (binding, pendingReason) = await AuthorityLimitSource.JudgePromiserAsync(cn, tx, me, r.Kind, r.ValueCny,
            !string.IsNullOrWhiteSpace(r.PolicyTitle) && !string.IsNullOrWhiteSpace(r.PolicyNumber), ct);
        var status = binding ? CommitmentStatus.Open : CommitmentStatus.PendingApproval;
        var now = clock.GetUtcNow();
        var promiser = await cn.ExecuteScalarAsync<string>(new CommandDefinition("SELECT display_name FROM users WHERE id = @id", new { id = me.UserId }, tx, cancellationToken: ct));

        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, zone_id, resource, amount, made_on, due_date, lapse_at,
                                     promiser_id, promiser_name, policy_title, policy_number, contract_ref, status, pending_reason, created_at, updated_at)
            VALUES (@id, @ProjectId, @investor, @unit, @kind, @clause, @ValueCny, @ZoneId, @resource, @Amount, @MadeOn, @DueDate, @lapseAt,
                    @by, @promiser, @PolicyTitle, @PolicyNumber, @ContractRef, @status, @pendingReason, @now, @now)
            """, new
        {
            id, r.ProjectId, investor = project.InvestorId, unit = project.UnitId, kind = r.Kind.ToString(), clause = r.Clause.Trim(), r.ValueCny, r.ZoneId,
            resource = r.Resource?.ToString(), r.Amount, r.MadeOn, r.DueDate, lapseAt = CommitmentDeadlines.LapseInstant(r.DueDate), by = me.UserId, promiser,
            r.PolicyTitle, r.PolicyNumber, r.ContractRef, status = status.ToString(), pendingReason, now,
        }, tx, cancellationToken: ct));

        // Capacity is taken only by a binding promise; a pending one takes it when approved.
        if (binding && r.ZoneId is { } zone)
            await guard.Reserve(cn, tx, zone, r.ProjectId, r.Resource!.Value, r.Amount!.Value, false, r.DueDate, me.UserId!.Value, now, id, ct);

        var state = await CommitmentLoad.Read(cn, tx, id, ct);
        await ledger.AppendAsync(cn, tx, id, "Recorded", me.UserName, now, pendingReason, state, ct);
        // A promise made before 2018 that is still owed is remediated, not left to raise a breach later.
        if (binding && RemediationRules.BelongsOnList(r.MadeOn, status))
            await RemediationList.JoinAsync(cn, tx, ledger, id, RemediationSource.Recorded, me.UserName, now, ct);
        return state;
    }
}
