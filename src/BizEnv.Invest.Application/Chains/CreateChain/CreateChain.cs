using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.CreateChain;

/// <summary>An admin opens a new chain (e.g. 新能源汽车) with its thresholds; editors then build its nodes and edges.</summary>
[AllowRoles(Role.Admin)]
public sealed record CreateChain(string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment)
    : ICommand<Guid>, IChainFields;

public sealed class CreateChainValidator : AbstractValidator<CreateChain>
{
    public CreateChainValidator() => Include(new ChainFieldsValidator());
}

public sealed class CreateChainHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreateChain, Guid>
{
    public async Task<Guid> Handle(CreateChain r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var name = r.Name.Trim();
        audit.Target("chain", id, name);
        new ChainThresholds(r.StrongMinFirms, r.WeakMinFirms, r.StrongMinInvestment).EnsureValid();
        var cn = await db.ConnectionAsync(ct);
        var now = clock.GetUtcNow();
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO chains (id, name, description, strong_min_firms, weak_min_firms, strong_min_investment, created_by, created_at, updated_at)
                VALUES (@id, @name, @description, @StrongMinFirms, @WeakMinFirms, @StrongMinInvestment, @by, @now, @now)
                """, new { id, name, description = Blank(r.Description), r.StrongMinFirms, r.WeakMinFirms, r.StrongMinInvestment, by = actor.Actor.UserId, now },
                db.Transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(r.Name), "chain.name_taken", name);
        }
        return id;
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
