using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Zones.CreateZone;

/// <summary>
/// A park manager adds a zone/plot to their park: name, location (coordinates, optionally a polygon),
/// land use. Capacity starts at zero and is set through capacity updates, so every figure has a history.
/// </summary>
[AllowRoles(Role.ParkManager)]
public sealed record CreateZone(Guid ParkId, string Name, decimal Lng, decimal Lat, string LandUse, IReadOnlyList<decimal[]>? Polygon) : ICommand<Guid>;

public sealed class CreateZoneValidator : AbstractValidator<CreateZone>
{
    public CreateZoneValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("zone.name_required").MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.Lng).InclusiveBetween(-180, 180).WithText("zone.lng_range");
        RuleFor(x => x.Lat).InclusiveBetween(-90, 90).WithText("zone.lat_range");
        RuleFor(x => x.LandUse).NotEmpty().WithText("zone.land_use_required").MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.Polygon).Must(p => p is null || (p.Count >= 3 && p.All(pt => pt.Length == 2 && pt[0] is >= -180 and <= 180 && pt[1] is >= -90 and <= 90)))
            .WithText("zone.polygon_invalid");
    }
}

public sealed class CreateZoneHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<CreateZone, Guid>
{
    public async Task<Guid> Handle(CreateZone r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("zone", id, r.Name);
        var cn = await db.ConnectionAsync(ct);
        var unit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT managing_unit_id FROM parks WHERE id = @ParkId", new { r.ParkId }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("park", r.ParkId);
        if (!ZoneAccess.MayEdit(actor.Actor, unit))
            throw new ForbiddenException("zone.not_your_park");
        var polygon = r.Polygon is null ? null : System.Text.Json.JsonSerializer.Serialize(r.Polygon);
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO zones (id, park_id, name, lng, lat, polygon, land_use, updated_at)
                VALUES (@id, @ParkId, @name, @Lng, @Lat, @polygon::jsonb, @use, @now)
                """, new { id, r.ParkId, name = r.Name.Trim(), r.Lng, r.Lat, polygon, use = r.LandUse.Trim(), now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(nameof(r.Name), "zone.name_taken", r.Name);
        }
        return id;
    }
}
