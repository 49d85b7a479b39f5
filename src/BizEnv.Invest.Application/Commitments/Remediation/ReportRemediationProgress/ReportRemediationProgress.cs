using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.ReportRemediationProgress;

/// <summary>A progress update on a pre-2018 item: what was done and how far along it is (0–99 %; 100 % is the sign-off).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.PromotionOfficer)]
public sealed record ReportRemediationProgress(Guid CommitmentId, string Note, int ProgressPercent, int Version) : ICommand<RemediationState>;

public sealed class ReportRemediationProgressValidator : AbstractValidator<ReportRemediationProgress>
{
    public ReportRemediationProgressValidator()
    {
        RuleFor(x => x.Note).NotEmpty().WithText("remediation.progress_note_required").MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.ProgressPercent).InclusiveBetween(0, 99).WithText("remediation.progress_range");
    }
}

public sealed class ReportRemediationProgressHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<ReportRemediationProgress, RemediationState>
{
    public async Task<RemediationState> Handle(ReportRemediationProgress r, CancellationToken ct)
    {
        audit.Target("remediation", r.CommitmentId, $"progress {r.ProgressPercent}%");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var item = await RemediationList.LockForChange(cn, tx, r.CommitmentId, r.Version, ct);
        var commitment = await CommitmentLoad.Read(cn, tx, r.CommitmentId, ct);
        RemediationAccess.EnsureWork(actor.Actor, commitment.UnitId, item.ResponsibleUnitId, r.CommitmentId);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO remediation_updates (id, commitment_id, at, by_user, note, progress_percent) VALUES (@id, @CommitmentId, @now, @by, @note, @ProgressPercent);
            UPDATE remediation_items SET progress_percent = @ProgressPercent, version = version + 1 WHERE commitment_id = @CommitmentId;
            """, new { id = Guid.NewGuid(), r.CommitmentId, now, by = actor.Actor.UserId, note = r.Note.Trim(), r.ProgressPercent }, tx, cancellationToken: ct));
        return await RemediationList.AppendAsync(cn, tx, ledger, r.CommitmentId, "RemediationProgress", actor.Actor.UserName, now,
            $"{r.ProgressPercent}% · {r.Note.Trim()}", ct);
    }
}
