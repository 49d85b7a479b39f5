using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Units.UpdateUnit;

/// <summary>Rename a unit, change its kind or move it in the tree (never under itself or its own descendants).</summary>
[AllowRoles(Role.Admin)]
public sealed record UpdateUnit(Guid Id, Guid? ParentId, string NameZh, string NameEn, UnitKind Kind, int Version) : ICommand<UnitDto>, IUnitFields;

public sealed class UpdateUnitValidator : AbstractValidator<UpdateUnit>
{
    public UpdateUnitValidator() => Include(new UnitFieldsValidator());
}

public sealed class UpdateUnitHandler(IDbSession db, IAuditTrail audit) : IRequestHandler<UpdateUnit, UnitDto>
{
    public async Task<UnitDto> Handle(UpdateUnit request, CancellationToken ct)
    {
        audit.Target("unit", request.Id);
        var cn = await db.ConnectionAsync(ct);
        var tree = await UnitSql.ReadTree(cn, db.Transaction, ct);
        if (tree.All(u => u.Id != request.Id))
            throw new NotFoundException("unit", request.Id);
        if (request.ParentId is { } parent)
        {
            if (tree.All(u => u.Id != parent))
                throw ValidationText.FieldError(nameof(request.ParentId), "unit.parent_unknown");
            if (IsSelfOrDescendant(tree, parent, request.Id))
                throw ValidationText.FieldError(nameof(request.ParentId), "unit.parent_cycle");
        }
        int changed;
        try
        {
            changed = await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE units SET parent_id = @ParentId, name_zh = @NameZh, name_en = @NameEn, kind = @kind, version = version + 1
                WHERE id = @Id AND version = @Version
                """, new { request.Id, request.ParentId, NameZh = request.NameZh.Trim(), NameEn = request.NameEn.Trim(), kind = request.Kind.ToString(), request.Version },
                db.Transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(request.NameZh), "unit.name_taken", request.NameZh);
        }
        if (changed == 0)
            throw new ConcurrencyConflictException("unit", request.Id);
        var updated = await UnitSql.ReadTree(cn, db.Transaction, ct);
        return updated.Single(u => u.Id == request.Id);
    }

    private static bool IsSelfOrDescendant(List<UnitDto> tree, Guid candidate, Guid unit)
    {
        for (Guid? at = candidate; at is { } current; at = tree.First(u => u.Id == current).ParentId)
        {
            if (current == unit)
                return true;
        }
        return false;
    }
}
