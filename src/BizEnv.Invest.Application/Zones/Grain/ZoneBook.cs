using System.Globalization;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Zones.Grain;

/// <summary>
/// The zone grain's reads and writes of its rows (zones, reservations, readiness, capacity history).
/// No row locks: only the zone's grain takes capacity, one call at a time, so what it reads is what
/// it decides on; other writers only give capacity back.
/// </summary>
public static class ZoneBook
{
    public static async Task<CapacityLedger> LedgerAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid zoneId, Resource resource, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<(decimal Total, decimal Reserved)?>(new CommandDefinition($"""
            SELECT z.{ZoneColumns.TotalColumn(resource)},
                   (SELECT coalesce(sum(amount), 0) FROM reservations WHERE zone_id = z.id AND resource = @resource AND status <> 'Released')
            FROM zones z WHERE z.id = @zoneId
            """, new { zoneId, resource = resource.ToString() }, tx, cancellationToken: ct)) ?? throw new NotFoundException("zone", zoneId);
        return new CapacityLedger(resource, row.Total, row.Reserved);
    }

    /// <summary>
    /// Whether the zone can deliver <paramref name="amount"/> by <paramref name="by"/>: enough unreserved
    /// capacity, and the resource's prerequisite checklist item ready by then. Throws the first reason not.
    /// </summary>
    public static async Task EnsureCanSupplyAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid zoneId, Resource resource, decimal amount, DateOnly? by,
        CancellationToken ct)
    {
        (await LedgerAsync(cn, tx, zoneId, resource, ct)).EnsureCanReserve(amount);
        if (by is not { } date || Resources.PrerequisiteOf(resource) is not { } item)
            return;
        var readiness = await cn.QuerySingleOrDefaultAsync<(string Status, DateOnly? Expected)?>(new CommandDefinition(
            "SELECT status, expected_date FROM zone_readiness WHERE zone_id = @zoneId AND item = @item",
            new { zoneId, item = item.ToString() }, tx, cancellationToken: ct));
        var status = readiness is { } rd ? Enum.Parse<ReadinessStatus>(rd.Status) : ReadinessStatus.NotYet;
        if (!ReadinessItems.ReadyBy(status, readiness?.Expected, date))
            throw new DomainException("capacity.not_ready_by", item, date, readiness?.Expected?.ToString("yyyy-MM-dd") ?? "—");
    }

    /// <summary>A promise's hold: a 'Held' reservation with its expiry; an active one for the promise already there is the same hold.</summary>
    public static async Task<Guid> HoldAsync(NpgsqlConnection cn, Guid zoneId, CapacityHold h, DateTimeOffset now, TimeSpan timeout, CancellationToken ct)
    {
        if (await ActiveForPromiseAsync(cn, h.PromiseId, ct) is { } existing)
            return existing;
        await EnsureCanSupplyAsync(cn, null, zoneId, h.Resource, h.Amount, h.DeliverBy, ct);
        var id = Guid.NewGuid();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reservations (id, zone_id, project_id, resource, amount, status, commitment_id, created_by, created_at, hold_expires_at)
            VALUES (@id, @zoneId, @ProjectId, @resource, @Amount, 'Held', @PromiseId, @UserId, @now, @expires)
            """, new { id, zoneId, h.ProjectId, resource = h.Resource.ToString(), h.Amount, h.PromiseId, h.UserId, now, expires = now + timeout },
            cancellationToken: ct));
        return id;
    }

    private static Task<Guid?> ActiveForPromiseAsync(NpgsqlConnection cn, Guid promiseId, CancellationToken ct) =>
        cn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM reservations WHERE commitment_id = @promiseId AND status <> 'Released'", new { promiseId }, cancellationToken: ct));

    public static Task ConfirmAsync(NpgsqlConnection cn, Guid promiseId, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(
            "UPDATE reservations SET status = 'Reserved', hold_expires_at = NULL WHERE commitment_id = @promiseId AND status = 'Held'", new { promiseId },
            cancellationToken: ct));

    public static Task ReleasePromiseAsync(NpgsqlConnection cn, Guid promiseId, string reason, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE reservations SET status = 'Released', released_at = @now, released_reason = @reason, hold_expires_at = NULL
            WHERE commitment_id = @promiseId AND status <> 'Released'
            """, new { promiseId, reason, now }, cancellationToken: ct));

    /// <summary>Holds of this zone past their expiry (the promise neither confirmed nor released them), with the promise each belongs to.</summary>
    public static async Task<IReadOnlyList<Guid>> ExpiredHoldsAsync(NpgsqlConnection cn, Guid zoneId, DateTimeOffset now, CancellationToken ct) =>
        (await cn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT commitment_id FROM reservations WHERE zone_id = @zoneId AND status = 'Held' AND hold_expires_at <= @now",
            new { zoneId, now }, cancellationToken: ct))).ToList();

    public static Task<bool> AnyHoldsAsync(NpgsqlConnection cn, Guid zoneId, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM reservations WHERE zone_id = @zoneId AND status = 'Held')",
            new { zoneId }, cancellationToken: ct));

    /// <summary>A project's own reservation (the project's first zone becomes its target zone).</summary>
    public static async Task<Guid> ReserveAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, ZoneReservation r, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureCanSupplyAsync(cn, tx, zoneId, r.Resource, r.Amount, null, ct);
        var id = Guid.NewGuid();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reservations (id, zone_id, project_id, resource, amount, status, created_by, created_at)
            VALUES (@id, @zoneId, @ProjectId, @resource, @Amount, @status, @UserId, @now);
            UPDATE projects SET zone_id = coalesce(zone_id, @zoneId), updated_at = @now, version = version + 1 WHERE id = @ProjectId;
            """, new { id, zoneId, r.ProjectId, resource = r.Resource.ToString(), r.Amount, status = r.Intended ? "Intended" : "Reserved", r.UserId, now },
            tx, cancellationToken: ct));
        return id;
    }

    public static async Task ReleaseReservationAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, Guid reservationId, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var reservation = await cn.QuerySingleOrDefaultAsync<(string Status, Guid? CommitmentId)?>(new CommandDefinition(
            "SELECT status, commitment_id FROM reservations WHERE id = @reservationId AND zone_id = @zoneId", new { reservationId, zoneId }, tx,
            cancellationToken: ct)) ?? throw new NotFoundException("reservation", reservationId);
        if (reservation.Status == "Released")
            throw new DomainException("reservation.already_released");
        // Capacity that backs a promise goes back only when the promise is cancelled or fulfilled.
        if (reservation.CommitmentId is not null)
            throw new DomainException("reservation.backs_a_promise");
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE reservations SET status = 'Released', released_at = @now, released_reason = @reason WHERE id = @reservationId",
            new { reservationId, now, reason = reason.Trim() }, tx, cancellationToken: ct));
    }

    public static async Task<ZoneSummary> SetTotalAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, ZoneTotal t, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureVersionAsync(cn, tx, zoneId, t.Version, ct);
        var ledger = await LedgerAsync(cn, tx, zoneId, t.Resource, ct);
        // Stored to two decimals: check and record the figure as it will be kept.
        var newTotal = Math.Round(t.NewTotal, 2);
        ledger.EnsureCanSetTotal(newTotal);
        await cn.ExecuteAsync(new CommandDefinition($"""
            UPDATE zones SET {ZoneColumns.TotalColumn(t.Resource)} = @newTotal, updated_at = @now, version = version + 1 WHERE id = @zoneId;
            INSERT INTO capacity_changes (zone_id, subject, before, after, reason, changed_by, changed_at)
            VALUES (@zoneId, @subject, @before, @after, @reason, @by, @now);
            """, new
        {
            zoneId, newTotal, now, subject = t.Resource.ToString(), before = ledger.Total.ToString(CultureInfo.InvariantCulture),
            after = newTotal.ToString(CultureInfo.InvariantCulture), reason = t.Reason.Trim(), by = t.UserId,
        }, tx, cancellationToken: ct));
        return await SummaryAsync(cn, tx, zoneId, ct);
    }

    public static async Task<ZoneSummary> SetReadinessAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, ZoneReadiness r, DateTimeOffset now,
        CancellationToken ct)
    {
        await EnsureVersionAsync(cn, tx, zoneId, r.Version, ct);
        var before = await cn.QuerySingleOrDefaultAsync<(string Status, DateOnly? Expected)?>(new CommandDefinition(
            "SELECT status, expected_date FROM zone_readiness WHERE zone_id = @zoneId AND item = @item",
            new { zoneId, item = r.Item.ToString() }, tx, cancellationToken: ct));
        var expected = r.Status == ReadinessStatus.Ready ? null : r.ExpectedDate;
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO zone_readiness (zone_id, item, status, expected_date, updated_at) VALUES (@zoneId, @item, @status, @expected, @now)
            ON CONFLICT (zone_id, item) DO UPDATE SET status = excluded.status, expected_date = excluded.expected_date, updated_at = excluded.updated_at;
            UPDATE zones SET updated_at = @now, version = version + 1 WHERE id = @zoneId;
            INSERT INTO capacity_changes (zone_id, subject, before, after, reason, changed_by, changed_at)
            VALUES (@zoneId, @subject, @beforeText, @afterText, @reason, @by, @now);
            """, new
        {
            zoneId, item = r.Item.ToString(), status = r.Status.ToString(), expected, now, subject = "readiness:" + r.Item,
            beforeText = before is { } b ? Describe(b.Status, b.Expected) : null, afterText = Describe(r.Status.ToString(), expected),
            reason = r.Reason.Trim(), by = r.UserId,
        }, tx, cancellationToken: ct));
        return await SummaryAsync(cn, tx, zoneId, ct);
    }

    private static async Task EnsureVersionAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, int version, CancellationToken ct)
    {
        var current = await cn.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT version FROM zones WHERE id = @zoneId", new { zoneId }, tx,
            cancellationToken: ct)) ?? throw new NotFoundException("zone", zoneId);
        if (current != version)
            throw new ConcurrencyConflictException("zone", zoneId);
    }

    private static async Task<ZoneSummary> SummaryAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, CancellationToken ct) =>
        (await cn.QuerySingleAsync<ZoneRow>(new CommandDefinition(ZoneRow.Select + " WHERE z.id = @zoneId", new { zoneId }, tx, cancellationToken: ct))).ToDto();

    private static string Describe(string status, DateOnly? expected) => expected is { } e ? $"{status} {e:yyyy-MM-dd}" : status;
}
