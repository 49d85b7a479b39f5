using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.SetAuthorityLimit;

/// <summary>An admin sets what a role in a unit may promise of a kind: up to a value, any value (null), or nothing (Remove).</summary>
[AllowRoles(Role.Admin)]
public sealed record SetAuthorityLimit(Guid UnitId, Role Role, CommitmentKind Kind, decimal? MaxValue, bool Remove = false) : ICommand<Done>;

public sealed class SetAuthorityLimitValidator : AbstractValidator<SetAuthorityLimit>
{
    public SetAuthorityLimitValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithText("commitment.kind_unknown");
        RuleFor(x => x.Role).IsInEnum().WithText("user.role_unknown");
        RuleFor(x => x.MaxValue).GreaterThanOrEqualTo(0).WithText("field.not_negative");
    }
}

public sealed class SetAuthorityLimitHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SetAuthorityLimit, Done>
{
    public async Task<Done> Handle(SetAuthorityLimit r, CancellationToken ct)
    {
        audit.Target("authority-limit", r.UnitId, $"{r.Role} {r.Kind} {(r.Remove ? "removed" : r.MaxValue?.ToString() ?? "any")}");
        var cn = await db.ConnectionAsync(ct);
        if (r.Remove)
            await cn.ExecuteAsync(new CommandDefinition("DELETE FROM authority_limits WHERE unit_id = @UnitId AND role = @role AND kind = @kind",
                new { r.UnitId, role = r.Role.ToString(), kind = r.Kind.ToString() }, db.Transaction, cancellationToken: ct));
        else
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO authority_limits (id, unit_id, role, kind, max_value, updated_at) VALUES (@id, @UnitId, @role, @kind, @MaxValue, @now)
                ON CONFLICT (unit_id, role, kind) DO UPDATE SET max_value = excluded.max_value, updated_at = excluded.updated_at
                """, new { id = Guid.NewGuid(), r.UnitId, role = r.Role.ToString(), kind = r.Kind.ToString(), r.MaxValue, now = clock.GetUtcNow() },
                db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
