using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.SignOffRemediation;

/// <summary>
/// 销号: the integrity office signs a remediated item off with its evidence. Only an item that has
/// been studied and planned (plan, responsible unit, deadline) can be signed off; it is final.
/// </summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record SignOffRemediation(Guid CommitmentId, string Evidence, int Version) : ICommand<RemediationState>;

public sealed class SignOffRemediationValidator : AbstractValidator<SignOffRemediation>
{
    public SignOffRemediationValidator() =>
        RuleFor(x => x.Evidence).NotEmpty().WithText("remediation.signoff_needs_evidence").MaximumLength(4000).WithText("field.too_long", 4000);
}

public sealed class SignOffRemediationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<SignOffRemediation, RemediationState>
{
    public async Task<RemediationState> Handle(SignOffRemediation r, CancellationToken ct)
    {
        audit.Target("remediation", r.CommitmentId, "signed off");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var item = await RemediationList.LockForChange(cn, tx, r.CommitmentId, r.Version, ct);
        RemediationRules.EnsureCanSignOff(item.Plan, item.ResponsibleUnitId, item.Deadline, r.Evidence);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE remediation_items SET status = 'SignedOff', signed_off_at = @now, signed_off_by = @by, evidence = @evidence, progress_percent = 100,
                   version = version + 1
            WHERE commitment_id = @CommitmentId
            """, new { r.CommitmentId, now, by = actor.Actor.UserId, evidence = r.Evidence.Trim() }, tx, cancellationToken: ct));
        return await RemediationList.AppendAsync(cn, tx, ledger, r.CommitmentId, "RemediationSignedOff", actor.Actor.UserName, now, r.Evidence.Trim(), ct);
    }
}
