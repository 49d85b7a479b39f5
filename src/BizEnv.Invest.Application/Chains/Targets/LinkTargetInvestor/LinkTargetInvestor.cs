using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Targets.LinkTargetInvestor;

/// <summary>
/// A prospect has been registered as an investor: link the target to it, so visits can be logged
/// against it and projects started. What was typed for the prospect stays on record.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record LinkTargetInvestor(Guid Id, Guid InvestorId, int Version) : ICommand<ChainTargetSummary>;

public sealed class LinkTargetInvestorValidator : AbstractValidator<LinkTargetInvestor>
{
    public LinkTargetInvestorValidator() => RuleFor(x => x.InvestorId).NotEmpty().WithText("chain.firm_required");
}

public sealed class LinkTargetInvestorHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<LinkTargetInvestor, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(LinkTargetInvestor r, CancellationToken ct)
    {
        audit.Target("chain_target", r.Id, r.InvestorId.ToString());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var row = await TargetLoad.ForWrite(cn, tx, actor.Actor, r.Id, r.Version, ct);
        ChainTargetRules.EnsureOpen(row.StoredStatus);
        if (row.InvestorId is not null)
            throw new DomainException("chain.target_has_investor", row.Name);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM investors WHERE id = @InvestorId", r, tx, cancellationToken: ct))
            ?? throw ValidationText.FieldError(nameof(r.InvestorId), "chain.firm_unknown");
        audit.Target("chain_target", r.Id, $"{row.Name} → {name}");
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE chain_targets SET investor_id = @InvestorId, updated_at = @now, version = version + 1 WHERE id = @Id
                """, new { r.Id, r.InvestorId, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(r.InvestorId), "chain.target_duplicate", name, row.NodeName);
        }
        return await TargetLoad.Reload(cn, tx, r.Id, ct);
    }
}
