using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BizEnv.Invest.Application.Idempotency;

/// <summary>
/// The first outcome of each (user, Idempotency-Key), kept for <see cref="Lifetime"/>. A command
/// claims its key at the start of its own transaction and stores its response in that same
/// transaction, so the key row and the change it records commit together or not at all; a
/// second request with the key waits for the first to finish (at most a bounded time, else 409)
/// and then replays what it stored.
/// Only successes are remembered: a refused or failed command wrote nothing, so its key is free
/// again (the client may fix the request and send it with the same key).
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    // Responses are stored with the framework's defaults (not the API's JSON settings): they are
    // read back into the same .NET type, and the API serializes that object as it did the first time.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>
    /// How long a repeat waits for a first attempt that is still running before answering 409
    /// (Idempotency:WaitForFirstSeconds, default 15). Bounds the row-lock wait only; SET takes no
    /// parameters, so the whole number of milliseconds is written into the statement.
    /// </summary>
    private readonly string _waitAtMost =
        $"SET LOCAL lock_timeout = '{(int)(configuration.GetValue("Idempotency:WaitForFirstSeconds", 15.0) * 1000)}ms';";

    // An INSERT that meets an uncommitted row with the same key waits for that transaction: if it
    // commits, the key is taken (replay it); if it rolls back, this INSERT claims the key. Committed
    // rows are not locked, so replays of one key do not queue behind each other.
    private const string Insert = """
        INSERT INTO idempotency_keys (user_id, key, request_type, fingerprint, created_at)
        VALUES (@UserId, @Key, @RequestType, @Fingerprint, @Now)
        ON CONFLICT (user_id, key) DO NOTHING
        RETURNING true;
        """;

    // A key past its lifetime names a new change: take the row over (one taker wins; the others wait, then find it fresh).
    private const string TakeOver = """
        UPDATE idempotency_keys
        SET request_type = @RequestType, fingerprint = @Fingerprint, response = NULL, object_type = NULL, object_id = NULL, created_at = @Now
        WHERE user_id = @UserId AND key = @Key AND created_at < @Expired
        RETURNING true;
        """;

    private const string WaitAsUsual = "SET LOCAL lock_timeout TO DEFAULT;";

    private const string Earlier = """
        SELECT request_type AS RequestType, fingerprint AS Fingerprint, response AS Response, object_type AS ObjectType, object_id AS ObjectId,
               created_at AS CreatedAt
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
    public Task<StoredOutcome?> ClaimAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid userId, string key, object request, CancellationToken ct) =>
        ClaimAsync(cn, tx, userId, key, request.GetType().FullName!, Fingerprint(request), ct);

    /// <summary>As above, for a request known by its type name and <see cref="Fingerprint"/> (a grain gets them with the command).</summary>
    public async Task<StoredOutcome?> ClaimAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid userId, string key, string requestType, byte[] fingerprint,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var args = new { UserId = userId, Key = key, RequestType = requestType, Fingerprint = fingerprint, Now = now, Expired = now - Lifetime };
        if (await ClaimStepAsync(cn, tx, Insert, args, ct))
            return null;
        var earlier = await cn.QuerySingleAsync<EarlierRow>(new CommandDefinition(Earlier, args, tx, cancellationToken: ct));
        if (earlier.CreatedAt < args.Expired)
        {
            if (await ClaimStepAsync(cn, tx, TakeOver, args, ct))
                return null;
            earlier = await cn.QuerySingleAsync<EarlierRow>(new CommandDefinition(Earlier, args, tx, cancellationToken: ct));
        }
        if (earlier.RequestType != args.RequestType || !earlier.Fingerprint.AsSpan().SequenceEqual(args.Fingerprint))
            throw new Errors.IdempotencyKeyReusedException();
        return earlier.Response is null
            ? throw new Errors.IdempotencyKeyInProgressException() // not reachable while claims and responses share a transaction
            : new StoredOutcome(earlier.Response, earlier.ObjectType, earlier.ObjectId);
    }

    /// <summary>One claiming statement under the bounded lock wait; true when it claimed the key.</summary>
    private async Task<bool> ClaimStepAsync(NpgsqlConnection cn, NpgsqlTransaction tx, string statement, object args, CancellationToken ct)
    {
        try
        {
            return await cn.QueryFirstOrDefaultAsync<bool?>(new CommandDefinition(_waitAtMost + statement + WaitAsUsual, args, tx, cancellationToken: ct)) == true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new Errors.IdempotencyKeyInProgressException();
        }
    }

    /// <summary>Stores the response of the command that claimed the key, in its transaction.</summary>
    public Task CompleteAsync<TResponse>(NpgsqlConnection cn, NpgsqlTransaction tx, Guid userId, string key, TResponse response,
        string? objectType, string? objectId, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(Complete,
            new { UserId = userId, Key = key, Response = JsonSerializer.Serialize(response, Json), ObjectType = objectType, ObjectId = objectId },
            tx, cancellationToken: ct));

    public static TResponse Replay<TResponse>(StoredOutcome outcome) => JsonSerializer.Deserialize<TResponse>(outcome.Response, Json)!;

    /// <summary>A response as a key stores it.</summary>
    public static string ToJson<TResponse>(TResponse response) => JsonSerializer.Serialize(response, Json);

    /// <summary>Stores an already serialized response (<see cref="ToJson"/>).</summary>
    public Task CompleteJsonAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid userId, string key, string response, string? objectType, string? objectId,
        CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition(Complete, new { UserId = userId, Key = key, Response = response, ObjectType = objectType, ObjectId = objectId },
            tx, cancellationToken: ct));

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

    private sealed record EarlierRow(string RequestType, byte[] Fingerprint, string? Response, string? ObjectType, string? ObjectId, DateTimeOffset CreatedAt);
}

/// <summary>What the first request with a key stored: its response as JSON and the object it touched (for the audit row of a replay).</summary>
public sealed record StoredOutcome(string Response, string? ObjectType, string? ObjectId);
