using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Orleans;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;

/// <summary>
/// The study of a pre-2018 item and its remediation plan: study notes, plan, responsible unit and
/// deadline (today or later). Can be revised while the item is open — each revision is a ledger
/// entry, and a new deadline after a missed one escalates again if it is missed too. The list's grain writes it.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.PromotionOfficer)]
public sealed record PlanRemediation(Guid CommitmentId, string StudyNotes, string Plan, Guid ResponsibleUnitId, DateOnly Deadline, int Version)
    : ICommand<RemediationState>, IGrainCommand;

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

public sealed class PlanRemediationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<PlanRemediation, RemediationState>
{
    public async Task<RemediationState> Handle(PlanRemediation r, CancellationToken ct)
    {
        audit.Target("remediation", r.CommitmentId, $"plan, deadline {r.Deadline:yyyy-MM-dd}");
        await RemediationAccess.EnsureWorkAsync(await db.ConnectionAsync(ct), actor.Actor, r.CommitmentId, ct);
        var reply = await grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).Plan(
            new RemediationPlan(r.CommitmentId, r.StudyNotes, r.Plan, r.ResponsibleUnitId, r.Deadline, r.Version), CommandContext.For(actor, audit, r));
        return reply.Result<RemediationState>();
    }
}
