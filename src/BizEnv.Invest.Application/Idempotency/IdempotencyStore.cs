using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Idempotency;

/// <summary>
/// The first outcome of each (user, Idempotency-Key), kept for <see cref="Lifetime"/>. A command
/// claims its key at the start of its own transaction and stores its response in that same
/// transaction, so the key row and the change it records commit together or not at all; a
/// second request with the key waits for the first to finish and then replays what it stored.
/// Only successes are remembered: a refused or failed command wrote nothing, so its key is free
/// again (the client may fix the request and send it with the same key).
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>How long a repeat waits for a first attempt that is still running before answering 409.</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(15);

    // Responses are stored with the framework's defaults (not the API's JSON settings): they are
    // read back into the same .NET type, and the API serializes that object as it did the first time.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    // A committed row always has its response: the claim and the response share one transaction.
    // A row older than the lifetime is taken over as if it were absent. The conflicting row is
    // locked while its first attempt runs, so the INSERT waits for it (bounded by lock_timeout).
    private static readonly string Claim = $"""
        SET LOCAL lock_timeout = '{(int)WaitForFirst.TotalMilliseconds}ms';
        INSERT INTO idempotency_keys AS k (user_id, key, request_type, fingerprint, created_at)
        VALUES (@UserId, @Key, @RequestType, @Fingerprint, @Now)
        ON CONFLICT (user_id, key) DO UPDATE
            SET request_type = EXCLUDED.request_type, fingerprint = EXCLUDED.fingerprint, response = NULL,
                object_type = NULL, object_id = NULL, created_at = EXCLUDED.created_at
            WHERE k.created_at < @Expired
        RETURNING true;
        SET LOCAL lock_timeout TO DEFAULT;
        """;

    private const string Earlier = """
        SELECT request_type AS RequestType, fingerprint AS Fingerprint, response AS Response, object_type AS ObjectType, object_id AS ObjectId
        FROM idempotency_keys WHERE user_id = @UserId AND key = @Key
        """;

    private const string Complete = """
        UPDATE idempotency_keys SET response = @Response, object_type = @ObjectType, object_id = @ObjectId
        WHERE user_id = @UserId AND key = @Key
        """;

    /// <summary>
    /// Claims the key for this request inside <paramref name="tx"/>; null when it was free (run the
    /// command), else the outcome stored by the first request with the key.
    /// </summary>
    public async Task<StoredOutcome?> ClaimAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid userId, string key, object request, CancellationToken ct)
    {
        var requestType = request.GetType().FullName!;
        var fingerprint = Fingerprint(request);
        var now = clock.GetUtcNow();
        try
        {
            var claimed = await cn.QueryFirstOrDefaultAsync<bool?>(new CommandDefinition(Claim,
                new { UserId = userId, Key = key, RequestType = requestType, Fingerprint = fingerprint, Now = now, Expired = now - Lifetime }, tx, cancellationToken: ct));
            if (claimed == true)
                return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new Errors.IdempotencyKeyInProgressException();
        }
        var earlier = await cn.QuerySingleAsync<EarlierRow>(new CommandDefinition(Earlier, new { UserId = userId, Key = key }, tx, cancellationToken: ct));
        if (earlier.RequestType != requestType || !earlier.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            throw new Errors.IdempotencyKeyReusedException();
        return earlier.Response is null
            ? throw new Errors.IdempotencyKeyInProgressException() // not reachable while claims and responses share a transaction
            : new StoredOutcome(earlier.Response, earlier.ObjectType, earlier.ObjectId);
    }

    /// <summary>Stores the response of the command that claimed the key, in its transaction.</summary>
    public Task CompleteAsync<TResponse>(NpgsqlConnection cn, NpgsqlTransaction tx, Guid userId, string key, TResponse response,
        string? objectType, string? objectId, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(Complete,
            new { UserId = userId, Key = key, Response = JsonSerializer.Serialize(response, Json), ObjectType = objectType, ObjectId = objectId },
            tx, cancellationToken: ct));

    public static TResponse Replay<TResponse>(StoredOutcome outcome) => JsonSerializer.Deserialize<TResponse>(outcome.Response, Json)!;

    /// <summary>Forgets keys past their lifetime (storage only: an expired key is already treated as new).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        return await cn.ExecuteAsync(new CommandDefinition("DELETE FROM idempotency_keys WHERE created_at < @Expired",
            new { Expired = clock.GetUtcNow() - Lifetime }, cancellationToken: ct));
    }

    /// <summary>SHA-256 of the request's type and its JSON: the same key with other content is a different request.</summary>
    public static byte[] Fingerprint(object request)
    {
        var type = request.GetType();
        var json = JsonSerializer.SerializeToUtf8Bytes(request, type, Json);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(type.FullName + "\n"));
        sha.AppendData(json);
        return sha.GetHashAndReset();
    }

    private sealed record EarlierRow(string RequestType, byte[] Fingerprint, string? Response, string? ObjectType, string? ObjectId);
}

/// <summary>What the first request with a key stored: its response as JSON and the object it touched (for the audit row of a replay).</summary>
public sealed record StoredOutcome(string Response, string? ObjectType, string? ObjectId);
