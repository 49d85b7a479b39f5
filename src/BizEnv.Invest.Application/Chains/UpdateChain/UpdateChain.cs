using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.UpdateChain;

/// <summary>An editor renames a chain, describes it, or changes its thresholds (every node's status follows at once).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record UpdateChain(Guid Id, string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment, int Version)
    : ICommand<Done>, IChainFields;

public sealed class UpdateChainValidator : AbstractValidator<UpdateChain>
{
    public UpdateChainValidator() => Include(new ChainFieldsValidator());
}

public sealed class UpdateChainHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<UpdateChain, Done>
{
    public async Task<Done> Handle(UpdateChain r, CancellationToken ct)
    {
        var thresholds = new ChainThresholds(r.StrongMinFirms, r.WeakMinFirms, r.StrongMinInvestment);
        audit.Target("chain", r.Id, $"{r.Name.Trim()} · {thresholds.StrongMinFirms}/{thresholds.WeakMinFirms}/{thresholds.StrongMinInvestment}");
        thresholds.EnsureValid();
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await ChainAccess.LockForEdit(cn, tx, actor.Actor, r.Id, r.Version, ct);
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE chains SET name = @name, description = @description, strong_min_firms = @StrongMinFirms, weak_min_firms = @WeakMinFirms,
                                  strong_min_investment = @StrongMinInvestment, updated_at = @now, version = version + 1
                WHERE id = @Id
                """, new { r.Id, name = r.Name.Trim(), description = CreateChain.CreateChainHandler.Blank(r.Description), r.StrongMinFirms, r.WeakMinFirms,
                r.StrongMinInvestment, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(r.Name), "chain.name_taken", r.Name.Trim());
        }
        return Done.Value;
    }
}
