using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Crm.Trips.RecordTrip;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Trips.SubmitTripReport;

[AllowRoles(Role.PromotionOfficer)]
public sealed record SubmitTripReport(Guid Id, string Report, int Version) : ICommand<TripDto>;

public sealed class SubmitTripReportValidator : AbstractValidator<SubmitTripReport>
{
    public SubmitTripReportValidator() =>
        RuleFor(x => x.Report).NotEmpty().WithText("trip.report_required").MaximumLength(20000).WithText("field.too_long", 20000);
}

public sealed class SubmitTripReportHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SubmitTripReport, TripDto>
{
    public async Task<TripDto> Handle(SubmitTripReport r, CancellationToken ct)
    {
        audit.Target("trip", r.Id, "report");
        var cn = await db.ConnectionAsync(ct);
        var unit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT unit_id FROM trips WHERE id = @Id", new { r.Id }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("trip", r.Id);
        CrmAccess.EnsureWrite(actor.Actor, unit, "trip", r.Id);
        var changed = await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE trips SET report = @report, report_submitted_at = @now, version = version + 1 WHERE id = @Id AND version = @Version
            """, new { r.Id, report = r.Report.Trim(), now = clock.GetUtcNow(), r.Version }, db.Transaction, cancellationToken: ct));
        if (changed == 0)
            throw new ConcurrencyConflictException("trip", r.Id);
        return await TripSql.Load(cn, db.Transaction, r.Id, ct);
    }
}
