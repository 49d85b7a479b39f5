using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Zones.CreatePark;

/// <summary>An admin registers a park 园区/开发区 and the unit whose park managers keep it.</summary>
[AllowRoles(Role.Admin)]
public sealed record CreatePark(string Name, string Level, string ParkType, Guid ManagingUnitId, IReadOnlyList<string> LeadingIndustries, string? Description)
    : ICommand<Guid>;

public sealed class CreateParkValidator : AbstractValidator<CreatePark>
{
    public CreateParkValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("park.name_required").MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.Level).Must(l => l is "National" or "Provincial" or "Municipal").WithText("park.level_unknown");
        RuleFor(x => x.ParkType).NotEmpty().WithText("park.type_required").MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.ManagingUnitId).NotEmpty().WithText("park.unit_required");
        RuleFor(x => x.LeadingIndustries).NotNull();
        RuleForEach(x => x.LeadingIndustries).Matches("^[A-Ta-t][0-9]{0,4}$").WithText("park.industry_format");
        RuleFor(x => x.Description).MaximumLength(1000).WithText("field.too_long", 1000);
    }
}

public sealed class CreateParkHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreatePark, Guid>
{
    public async Task<Guid> Handle(CreatePark r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("park", id, r.Name);
        var cn = await db.ConnectionAsync(ct);
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM units WHERE id = @ManagingUnitId)", new { r.ManagingUnitId }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.ManagingUnitId), "park.unit_unknown");
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO parks (id, name, level, park_type, managing_unit_id, leading_industries, description, created_at)
                VALUES (@id, @name, @Level, @type, @ManagingUnitId, @industries, @Description, @now)
                """, new { id, name = r.Name.Trim(), r.Level, type = r.ParkType.Trim(), r.ManagingUnitId,
                industries = r.LeadingIndustries.Select(i => i.Trim().ToUpperInvariant()).Distinct().ToArray(), r.Description, now = clock.GetUtcNow() },
                db.Transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(r.Name), "park.name_taken", r.Name);
        }
        return id;
    }
}
