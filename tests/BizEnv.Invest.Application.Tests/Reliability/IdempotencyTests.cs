using System.Reflection;
using System.Text.Json;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Idempotency;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Common;
using FluentValidation;
using MediatR;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Reliability;

public sealed class IdempotencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<T> SendKeyed<T>(IRequest<T> request, Actor actor, string key) =>
        app.Services.GetRequiredService<RequestDispatcher>().Send(request, actor, key);

    private Task<long> Investors(string name) => app.Scalar<long>("SELECT count(*) FROM investors WHERE name = @name", new { name });

    [Fact]
    public async Task A_create_sent_again_with_its_key_returns_the_first_outcome_and_saves_once()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        var request = CrmBuilders.Investor("重放测试一有限公司");

        var first = await SendKeyed(request, officer, key); // its reply "lost"
        var again = await SendKeyed(request, officer, key);

        again.ShouldBe(first); // the same record, field for field
        (await Investors("重放测试一有限公司")).ShouldBe(1);
        var audit = await app.Query<(string Outcome, string? ObjectId)>(
            "SELECT outcome, object_id FROM audit_log WHERE action = 'SaveInvestor' AND object_id = @id ORDER BY id", new { id = first.Id.ToString() });
        audit.ShouldBe([("success", first.Id.ToString()), ("replayed", first.Id.ToString())]);
    }

    [Fact]
    public async Task The_same_key_for_different_content_is_refused_and_nothing_is_written()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        await SendKeyed(CrmBuilders.Investor("重放测试二有限公司"), officer, key);

        await Should.ThrowAsync<IdempotencyKeyReusedException>(() => SendKeyed(CrmBuilders.Investor("重放测试二乙有限公司"), officer, key));
        // A different command under the same key is a different request too.
        await Should.ThrowAsync<IdempotencyKeyReusedException>(() =>
            SendKeyed(new Application.Crm.Trips.RecordTrip.RecordTrip("深圳", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3), "张副市长", null, "比亚迪"), officer, key));

        (await Investors("重放测试二乙有限公司")).ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE outcome = 'refused:idempotency.key_reused'")).ShouldBe(2);
    }

    [Fact]
    public async Task A_key_belongs_to_its_user()
    {
        var key = Guid.NewGuid().ToString();
        var mine = await SendKeyed(CrmBuilders.Investor("重放测试三有限公司"), await app.As("officer"), key);
        var theirs = await SendKeyed(CrmBuilders.Investor("重放测试三乙有限公司"), await app.As("officer2"), key);
        theirs.Id.ShouldNotBe(mine.Id);
    }

    [Fact]
    public async Task A_refused_attempt_leaves_its_key_free_for_the_corrected_request()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        await Should.ThrowAsync<ValidationException>(() => SendKeyed(CrmBuilders.Investor("重放测试四有限公司", "not-a-code"), officer, key));

        var corrected = CrmBuilders.Investor("重放测试四有限公司");
        var saved = await SendKeyed(corrected, officer, key);
        (await SendKeyed(corrected, officer, key)).Id.ShouldBe(saved.Id);
        (await Investors("重放测试四有限公司")).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_save_once_and_all_get_the_same_outcome()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        var request = CrmBuilders.Investor("并发重放测试有限公司");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SendKeyed(request, officer, key))));

        results.Select(r => r.Id).Distinct().Count().ShouldBe(1);
        (await Investors("并发重放测试有限公司")).ShouldBe(1);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'SaveInvestor' AND object_id = @id AND outcome = 'success'",
            new { id = results[0].Id.ToString() })).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_is_remembered_for_a_day_then_names_a_new_change_and_is_purged()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        var unused = Guid.NewGuid().ToString();
        var request = CrmBuilders.Investor("过期键测试有限公司");
        var first = await SendKeyed(request, officer, key);
        await SendKeyed(CrmBuilders.Investor("过期键测试乙有限公司"), officer, unused);

        app.Clock.Advance(TimeSpan.FromHours(23));
        (await SendKeyed(request, officer, key)).Id.ShouldBe(first.Id);

        app.Clock.Advance(TimeSpan.FromHours(2)); // 25 h after the first: the key names a new change
        var later = await SendKeyed(request with { ConfirmSameName = true, CreditCode = CrmBuilders.NewCreditCode() }, officer, key);
        later.Id.ShouldNotBe(first.Id);
        (await SendKeyed(request with { ConfirmSameName = true, CreditCode = later.CreditCode }, officer, key)).Id.ShouldBe(later.Id);

        (await app.Services.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(default)).ShouldBeGreaterThanOrEqualTo(1);
        (await app.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @unused", new { unused })).ShouldBe(0);
        (await app.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @key", new { key })).ShouldBe(1); // taken over, fresh
    }

    [Fact]
    public async Task A_repeat_while_the_first_attempt_is_still_running_waits_then_is_a_conflict_and_the_key_is_free_once_the_first_gives_up()
    {
        var officer = await app.As("officer");
        var key = Guid.NewGuid().ToString();
        var request = CrmBuilders.Investor("在途键测试有限公司");
        // The "first attempt": its claim is made and its transaction stays open.
        await using var first = new NpgsqlConnection(app.Database.AppConnectionString);
        await first.OpenAsync();
        await using var running = await first.BeginTransactionAsync();
        await first.ExecuteAsync("INSERT INTO idempotency_keys (user_id, key, request_type, fingerprint, created_at) VALUES (@UserId, @key, 'x', '\\x00', now())",
            new { officer.UserId, key }, running);

        await Should.ThrowAsync<IdempotencyKeyInProgressException>(() => SendKeyed(request, officer, key));
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE outcome = 'conflict:idempotency.in_progress'")).ShouldBe(1);

        await running.RollbackAsync();
        (await SendKeyed(request, officer, key)).Name.ShouldBe("在途键测试有限公司");
        (await Investors("在途键测试有限公司")).ShouldBe(1);
    }

    [Fact]
    public async Task Malformed_keys_are_refused_and_queries_ignore_keys()
    {
        var officer = await app.As("officer");
        foreach (var bad in new[] { "", "  ", "a,b", "with space", new string('k', 201), "键" })
            (await Should.ThrowAsync<DomainException>(() => SendKeyed(CrmBuilders.Investor(), officer, bad))).Code.ShouldBe("idempotency.key_invalid");
        IdempotencyKey.Normalize("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"").ShouldBe("8e03978e-40d5-43e8-bc93-6894a57f9324");

        var list = new Application.Crm.Investors.ListInvestors.ListInvestors();
        (await SendKeyed(list, officer, "same")).Total.ShouldBe((await SendKeyed(list, officer, "same")).Total);
        (await app.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = 'same'")).ShouldBe(0);
    }

    /// <summary>
    /// A replay hands back the stored JSON as the command's response type: every response type of
    /// every command must come back equal to what was stored (a type that cannot would fail here,
    /// not in production on the first lost reply).
    /// </summary>
    [Fact]
    public void Every_command_response_type_survives_the_store()
    {
        var responseTypes = typeof(ICommand<>).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => !t.IsGenericParameter)
            .Distinct()
            .ToList();
        responseTypes.Count.ShouldBeGreaterThan(15);
        var store = typeof(IdempotencyStore);
        foreach (var type in responseTypes)
        {
            var sample = Samples.Of(type);
            var json = JsonSerializer.Serialize(sample, type);
            var replayed = store.GetMethod(nameof(IdempotencyStore.Replay))!.MakeGenericMethod(type)
                .Invoke(null, [new StoredOutcome(JsonSerializer.Serialize(sample, type), null, null)]);
            JsonSerializer.Serialize(replayed, type).ShouldBe(json, $"{type.Name} does not survive the idempotency store");
        }
    }

    /// <summary>Non-default values for every constructor parameter, recursively, so a lost field shows.</summary>
    private static class Samples
    {
        public static object? Of(Type type, int depth = 0)
        {
            if (Nullable.GetUnderlyingType(type) is { } inner)
                return Of(inner, depth);
            if (type == typeof(string)) return "样本";
            if (type == typeof(Guid)) return Guid.Parse("0b6a39a4-5f6c-4c4f-9d2e-1d0c6a3b9f11");
            if (type == typeof(int)) return 7;
            if (type == typeof(long)) return 7L;
            if (type == typeof(short)) return (short)7;
            if (type == typeof(decimal)) return 1234.50m;
            if (type == typeof(double)) return 1.5;
            if (type == typeof(bool)) return true;
            if (type == typeof(DateOnly)) return new DateOnly(2026, 11, 20);
            if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
            if (type == typeof(DateTime)) return new DateTime(2026, 11, 20, 8, 30, 0, DateTimeKind.Utc);
            if (type == typeof(byte[])) return new byte[] { 1, 2, 3 };
            if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
            if (type.IsArray)
            {
                var array = Array.CreateInstance(type.GetElementType()!, 1);
                array.SetValue(Of(type.GetElementType()!, depth + 1), 0);
                return array;
            }
            if (type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                var element = type.GetGenericArguments()[0];
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                if (depth < 4)
                    list.Add(Of(element, depth + 1));
                return list;
            }
            var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
                ?? throw new InvalidOperationException($"{type.Name} has no public constructor");
            var instance = ctor.Invoke(ctor.GetParameters().Select(p => Of(p.ParameterType, depth + 1)).ToArray());
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.SetMethod is { IsPublic: true } && ctor.GetParameters().All(c => !string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
                property.SetValue(instance, Of(property.PropertyType, depth + 1));
            return instance;
        }
    }
}
