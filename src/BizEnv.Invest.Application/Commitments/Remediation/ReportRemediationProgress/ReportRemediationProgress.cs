using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Orleans;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.ReportRemediationProgress;

/// <summary>A progress update on a pre-2018 item: what was done and how far along it is (0–99 %; 100 % is the sign-off).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.PromotionOfficer)]
public sealed record ReportRemediationProgress(Guid CommitmentId, string Note, int ProgressPercent, int Version) : ICommand<RemediationState>, IGrainCommand;

public sealed class ReportRemediationProgressValidator : AbstractValidator<ReportRemediationProgress>
{
    public ReportRemediationProgressValidator()
    {
        RuleFor(x => x.Note).NotEmpty().WithText("remediation.progress_note_required").MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.ProgressPercent).InclusiveBetween(0, 99).WithText("remediation.progress_range");
    }
}

public sealed class ReportRemediationProgressHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ReportRemediationProgress, RemediationState>
{
    public async Task<RemediationState> Handle(ReportRemediationProgress r, CancellationToken ct)
    {
        audit.Target("remediation", r.CommitmentId, $"progress {r.ProgressPercent}%");
        await RemediationAccess.EnsureWorkAsync(await db.ConnectionAsync(ct), actor.Actor, r.CommitmentId, ct);
        var reply = await grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).ReportProgress(
            new RemediationReport(r.CommitmentId, r.Note, r.ProgressPercent, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<RemediationState>();
    }
}
