using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Units.CreateUnit;

/// <summary>
/// Add a unit under a parent (or as a root). The code is the prefix of the unified project numbers
/// (e.g. HC in HC-2026-0042) and never changes afterwards.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record CreateUnit(Guid? ParentId, string Code, string NameZh, string NameEn, UnitKind Kind) : ICommand<UnitDto>, IUnitFields;

public sealed class CreateUnitValidator : AbstractValidator<CreateUnit>
{
    public CreateUnitValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithText("unit.code_required")
            .Matches("^[A-Z][A-Z0-9]{1,9}$").WithText("unit.code_format");
        Include(new UnitFieldsValidator());
    }
}

public sealed class CreateUnitHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreateUnit, UnitDto>
{
    public async Task<UnitDto> Handle(CreateUnit request, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("unit", id, request.Code);
        var cn = await db.ConnectionAsync(ct);
        if (request.ParentId is { } parent && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM units WHERE id = @parent)", new { parent }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(request.ParentId), "unit.parent_unknown");
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO units (id, parent_id, code, name_zh, name_en, kind, created_at)
                VALUES (@id, @ParentId, @Code, @NameZh, @NameEn, @kind, @now)
                """, new { id, request.ParentId, request.Code, NameZh = request.NameZh.Trim(), NameEn = request.NameEn.Trim(), kind = request.Kind.ToString(), now = clock.GetUtcNow() },
                db.Transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw e.ConstraintName == "units_code_key"
                ? ValidationText.FieldError(nameof(request.Code), "unit.code_taken", request.Code)
                : ValidationText.FieldError(nameof(request.NameZh), "unit.name_taken", request.NameZh);
        }
        var all = await UnitSql.ReadTree(cn, db.Transaction, ct);
        return all.Single(u => u.Id == id);
    }
}
