using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Zones;

/// <summary>
/// The one place that decides whether a zone can supply an amount of a resource, and that places
/// reservations. The zone row is locked for the rest of the caller's transaction, so two people
/// reserving the last 50 亩 at the same moment queue: the first gets it, the second hears why not.
/// The lock is FOR NO KEY UPDATE: a promise's insert has already taken the zone's KEY SHARE lock
/// through its foreign key, and FOR UPDATE would wait on the other promiser's KEY SHARE while they
/// wait on ours — a deadlock, which twenty officers promising the same zone at once used to hit.
/// The commitment ledger calls this inside its own transaction, so a promise and its reservation
/// are written together or not at all.
/// </summary>
public sealed class CapacityGuard
{
    public sealed record Answer(bool CanSupply, decimal Available, IReadOnlyList<DomainException> Reasons);

    /// <summary>Can <paramref name="zoneId"/> supply <paramref name="amount"/> of <paramref name="resource"/> by <paramref name="by"/>? Locks the zone.</summary>
    public async Task<Answer> CanSupply(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, Resource resource, decimal amount, DateOnly by, CancellationToken ct)
    {
        var ledger = await LockAndRead(cn, tx, zoneId, resource, ct);
        var reasons = new List<DomainException>();
        try
        {
            ledger.EnsureCanReserve(amount);
        }
        catch (DomainException e)
        {
            reasons.Add(e);
        }
        if (Resources.PrerequisiteOf(resource) is { } item)
        {
            var readiness = await cn.QuerySingleOrDefaultAsync<(string Status, DateOnly? Expected)?>(new CommandDefinition(
                "SELECT status, expected_date FROM zone_readiness WHERE zone_id = @zoneId AND item = @item",
                new { zoneId, item = item.ToString() }, tx, cancellationToken: ct));
            var status = readiness is { } rd ? Enum.Parse<ReadinessStatus>(rd.Status) : ReadinessStatus.NotYet;
            if (!ReadinessItems.ReadyBy(status, readiness?.Expected, by))
                reasons.Add(new DomainException("capacity.not_ready_by", item, by, readiness?.Expected?.ToString("yyyy-MM-dd") ?? "—"));
        }
        return new Answer(reasons.Count == 0, ledger.Available, reasons);
    }

    /// <summary>
    /// Places a reservation if the zone has the amount; otherwise throws the reason. With a delivery
    /// date (<paramref name="deliverBy"/>, as a promise has) the prerequisite checklist item must also be
    /// ready by then; a plain reservation only holds capacity and needs no date.
    /// </summary>
    public async Task<Guid> Reserve(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, Guid projectId, Resource resource, decimal amount,
        bool intended, DateOnly? deliverBy, Guid userId, DateTimeOffset now, Guid? commitmentId, CancellationToken ct)
    {
        if (deliverBy is { } by)
        {
            var answer = await CanSupply(cn, tx, zoneId, resource, amount, by, ct);
            if (!answer.CanSupply)
                throw answer.Reasons[0];
        }
        else
        {
            (await LockAndRead(cn, tx, zoneId, resource, ct)).EnsureCanReserve(amount);
        }
        var id = Guid.NewGuid();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reservations (id, zone_id, project_id, resource, amount, status, commitment_id, created_by, created_at)
            VALUES (@id, @zoneId, @projectId, @resource, @amount, @status, @commitmentId, @userId, @now)
            """, new { id, zoneId, projectId, resource = resource.ToString(), amount, status = intended ? "Intended" : "Reserved", commitmentId, userId, now },
            tx, cancellationToken: ct));
        return id;
    }

    private static async Task<CapacityLedger> LockAndRead(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, Resource resource, CancellationToken ct)
    {
        var total = await cn.ExecuteScalarAsync<decimal?>(new CommandDefinition(
            $"SELECT {ZoneColumns.TotalColumn(resource)} FROM zones WHERE id = @zoneId FOR NO KEY UPDATE", new { zoneId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("zone", zoneId);
        var reserved = await cn.ExecuteScalarAsync<decimal>(new CommandDefinition(
            "SELECT coalesce(sum(amount), 0) FROM reservations WHERE zone_id = @zoneId AND resource = @resource AND status <> 'Released'",
            new { zoneId, resource = resource.ToString() }, tx, cancellationToken: ct));
        return new CapacityLedger(resource, total, reserved);
    }

    /// <summary>The capacity ledger of a resource after locking the zone (capacity edits use it to refuse cuts below reservations).</summary>
    public Task<CapacityLedger> Lock(NpgsqlConnection cn, NpgsqlTransaction tx, Guid zoneId, Resource resource, CancellationToken ct) =>
        LockAndRead(cn, tx, zoneId, resource, ct);
}
