using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;

/// <summary>
/// The study of a pre-2018 item and its remediation plan: study notes, plan, responsible unit and
/// deadline (today or later). Can be revised while the item is open — each revision is a ledger
/// entry, and a new deadline after a missed one escalates again if it is missed too.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.PromotionOfficer)]
public sealed record PlanRemediation(Guid CommitmentId, string StudyNotes, string Plan, Guid ResponsibleUnitId, DateOnly Deadline, int Version)
    : ICommand<RemediationState>;

public sealed class PlanRemediationValidator : AbstractValidator<PlanRemediation>
{
    public PlanRemediationValidator(TimeProvider clock)
    {
        RuleFor(x => x.StudyNotes).NotEmpty().WithText("remediation.study_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.Plan).NotEmpty().WithText("remediation.plan_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.ResponsibleUnitId).NotEmpty().WithText("remediation.unit_required");
        RuleFor(x => x.Deadline).Must(d => d >= clock.Today()).WithText("remediation.deadline_past");
    }
}

public sealed class PlanRemediationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<PlanRemediation, RemediationState>
{
    public async Task<RemediationState> Handle(PlanRemediation r, CancellationToken ct)
    {
        audit.Target("remediation", r.CommitmentId, $"plan, deadline {r.Deadline:yyyy-MM-dd}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var item = await RemediationList.LockForChange(cn, tx, r.CommitmentId, r.Version, ct);
        var commitment = await CommitmentLoad.Read(cn, tx, r.CommitmentId, ct);
        RemediationAccess.EnsureWork(actor.Actor, commitment.UnitId, item.ResponsibleUnitId, r.CommitmentId);
        var unitExists = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM units WHERE id = @ResponsibleUnitId)", new { r.ResponsibleUnitId }, tx, cancellationToken: ct));
        if (!unitExists)
            throw ValidationText.FieldError(nameof(r.ResponsibleUnitId), "remediation.unit_required");
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE remediation_items SET study_notes = @notes, plan = @plan, responsible_unit = @ResponsibleUnitId, deadline = @Deadline, version = version + 1
            WHERE commitment_id = @CommitmentId
            """, new { r.CommitmentId, notes = r.StudyNotes.Trim(), plan = r.Plan.Trim(), r.ResponsibleUnitId, r.Deadline }, tx, cancellationToken: ct));
        // The promise's grain watches the deadline: it re-reads it once this commits.
        await Promises.DeadlineRearm.QueueAsync(cn, tx, [r.CommitmentId], now, ct);
        return await RemediationList.AppendAsync(cn, tx, ledger, r.CommitmentId, "RemediationPlanned", actor.Actor.UserName, now, r.Plan.Trim(), ct);
    }
}
