using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Chains.Targets.ChangeChainTargetStatus;

/// <summary>
/// Move a target by hand: forward (已识别 → 已接触 → 洽谈中), dropped with a reason, or taken up again.
/// Signing is never declared here: it is the stage of the target's linked project.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record ChangeChainTargetStatus(Guid Id, ChainTargetStatus To, string? Reason, int Version) : ICommand<ChainTargetSummary>;

public sealed class ChangeChainTargetStatusValidator : AbstractValidator<ChangeChainTargetStatus>
{
    public ChangeChainTargetStatusValidator()
    {
        RuleFor(x => x.To).IsInEnum().WithText("chain.target_status_unknown");
        RuleFor(x => x.Reason).MaximumLength(1000).WithText("field.too_long", 1000);
        RuleFor(x => x.Reason).NotEmpty().When(x => x.To == ChainTargetStatus.Dropped).WithText("chain.target_drop_reason_required");
    }
}

public sealed class ChangeChainTargetStatusHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<ChangeChainTargetStatus, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(ChangeChainTargetStatus r, CancellationToken ct)
    {
        audit.Target("chain_target", r.Id, $"→ {r.To}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var row = await TargetLoad.ForWrite(cn, tx, actor.Actor, r.Id, r.Version, ct);
        ChainTargetRules.EnsureManualMove(row.StoredStatus, r.To, r.Reason, row.HasSignedProject);
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE chain_targets SET status = @to, dropped_reason = CASE WHEN @to = 'Dropped' THEN @reason END, updated_at = @now, version = version + 1
            WHERE id = @Id
            """, new { r.Id, to = r.To.ToString(), reason = r.Reason?.Trim(), now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        return await TargetLoad.Reload(cn, tx, r.Id, ct);
    }
}
