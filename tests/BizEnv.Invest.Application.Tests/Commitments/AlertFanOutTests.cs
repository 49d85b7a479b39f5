using BizEnv.Invest.Application.Tests.Cluster;
using System.Diagnostics;
using System.Collections.Concurrent;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Application.Commitments.Promises;
using Npgsql;
using BizEnv.Invest.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace BizEnv.Invest.Application.Tests.Commitments;

public sealed class AlertFanOutTests(TwoMoreNodes app) : IClassFixture<TwoMoreNodes>
{
    [Fact]
    public async Task A_lapse_on_one_node_reaches_the_open_pages_of_both_nodes_once_through_the_cluster()
    {
        using var pagesA = new Heard(app.A.Live);
        using var pagesB = new Heard(app.B.Live);
        var promise = await app.DuePromise(await app.As("officer"));

        await app.A.Grains.GetGrain<IPromiseGrain>(promise).CheckDeadlines(); // its grain lapses it and pushes right after its commit
        var alertId = await app.AlertOf(promise);
        alertId.ShouldNotBe(Guid.Empty);

        await pagesA.WaitFor(alertId, TimeSpan.FromSeconds(5));
        await pagesB.WaitFor(alertId, TimeSpan.FromSeconds(5));
        // The pages hear the push before the relay's stamp commits (under load, seen a few ms apart): the stamp follows.
        var stamped = Stopwatch.StartNew();
        while (!await app.Scalar<bool>("SELECT relayed_at IS NOT NULL FROM outbox WHERE (payload->>'alertId')::uuid = @alertId", new { alertId }))
        {
            stamped.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the push was never stamped as relayed");
            await Task.Delay(20);
        }
        // Nothing left for a relay, and no repeat reaches the pages.
        (await app.A.Relay.PushAsync([alertId], default)).ShouldBe(0);
        await Task.Delay(1000);
        pagesA.Times(alertId).ShouldBe(1);
        pagesB.Times(alertId).ShouldBe(1);
    }

    [Fact]
    public async Task An_alert_committed_without_its_push_is_pushed_and_stamped_exactly_once_by_racing_relays()
    {
        using var pagesA = new Heard(app.A.Live);
        using var pagesB = new Heard(app.B.Live);
        var officer = await app.As("officer");
        var promises = new List<Guid>();
        for (var i = 0; i < 12; i++)
            promises.Add(await app.DuePromise(officer));
        // Alerts committed with their outbox rows and never pushed: as a node that died right after its commit.
        await using (var cn = new NpgsqlConnection(app.Database.AppConnectionString))
        {
            await cn.OpenAsync();
            await using var tx = await cn.BeginTransactionAsync();
            foreach (var p in promises)
                await BreachAlerts.RaiseAsync(cn, tx, p, BizEnv.Invest.Domain.Common.BeijingTime.Today(app.Clock).AddDays(-1), "Breach", (await app.As("officer")).UnitId!.Value, "P-TEST",
                    app.Clock.GetUtcNow(), default);
            await tx.CommitAsync();
        }
        var alerts = new List<Guid>();
        foreach (var p in promises)
            alerts.Add(await app.AlertOf(p));
        var pending = await app.Scalar<long>("SELECT count(*) FROM outbox WHERE relayed_at IS NULL");
        pending.ShouldBeGreaterThanOrEqualTo(12); // ours, and what the demo data's sweep left

        static async Task<int> Drain(AlertRelay relay) { var n = 0; int k; while ((k = await relay.RelayPendingAsync(3, default)) > 0) n += k; return n; }
        var relayed = await Task.WhenAll(Drain(app.A.Relay), Drain(app.B.Relay));

        relayed.Sum().ShouldBe((int)pending, "every row pushed and stamped by exactly one relay");
        (await app.Scalar<long>("SELECT count(*) FROM outbox WHERE relayed_at IS NULL")).ShouldBe(0);
        foreach (var alertId in alerts)
        {
            await pagesA.WaitFor(alertId, TimeSpan.FromSeconds(5));
            await pagesB.WaitFor(alertId, TimeSpan.FromSeconds(5));
        }
        await Task.Delay(500);
        alerts.ShouldAllBe(id => pagesA.Times(id) == 1 && pagesB.Times(id) == 1);
    }

    [Fact]
    public async Task Every_alert_hub_method_and_message_round_trips_through_the_silos()
    {
        var serializer = app.B.Services.GetRequiredService<Orleans.Serialization.Serializer>();
        var sample = new RaisedAlerts([Guid.NewGuid(), Guid.NewGuid()]);
        serializer.Deserialize<RaisedAlerts>(serializer.SerializeToArray(sample))!.AlertIds.ShouldBe(sample.AlertIds);

        var hub = app.A.Grains.GetGrain<IAlertHubGrain>(IAlertHubGrain.Key);
        var observer = new RecordingObserver();
        var reference = app.B.Grains.CreateObjectReference<IAlertObserver>(observer);
        var (before, during, after) = (new RaisedAlerts([Guid.NewGuid()]), new RaisedAlerts([Guid.NewGuid(), Guid.NewGuid()]), new RaisedAlerts([Guid.NewGuid()]));

        await hub.Publish(before);
        await hub.Subscribe(reference); // a newcomer gets what was pushed within the expiry window
        (await observer.WaitFor(before.AlertIds[0])).ShouldBe(before.AlertIds);
        await hub.Publish(during);
        (await observer.WaitFor(during.AlertIds[0])).ShouldBe(during.AlertIds);
        await hub.Unsubscribe(reference);
        await hub.Publish(after);
        await Task.Delay(500);
        observer.Ids.ShouldNotContain(after.AlertIds[0]);
        app.B.Grains.DeleteObjectReference<IAlertObserver>(reference);
    }

    /// <summary>What one node's open pages heard (LiveAlerts' event), per alert.</summary>
    private sealed class Heard : IDisposable
    {
        private readonly LiveAlerts _live;
        private readonly ConcurrentDictionary<Guid, int> _times = new();
        private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waits = new();

        public Heard(LiveAlerts live)
        {
            _live = live;
            _live.Raised += OnRaised;
        }

        private void OnRaised(Guid id)
        {
            _times.AddOrUpdate(id, 1, (_, n) => n + 1);
            Wait(id).TrySetResult();
        }

        private TaskCompletionSource Wait(Guid id) => _waits.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task WaitFor(Guid id, TimeSpan patience) => Wait(id).Task.WaitAsync(patience);

        public int Times(Guid id) => _times.GetValueOrDefault(id);

        public void Dispose() => _live.Raised -= OnRaised;
    }

    private sealed class RecordingObserver : IAlertObserver
    {
        private readonly ConcurrentQueue<RaisedAlerts> _batches = new();

        public IEnumerable<Guid> Ids => _batches.SelectMany(b => b.AlertIds);

        public Task Raised(RaisedAlerts alerts)
        {
            _batches.Enqueue(alerts);
            return Task.CompletedTask;
        }

        /// <summary>The batch that carried <paramref name="id"/>, once it has arrived.</summary>
        public async Task<Guid[]> WaitFor(Guid id)
        {
            for (var waited = 0; waited < 5000; waited += 20)
            {
                if (_batches.FirstOrDefault(b => b.AlertIds.Contains(id)) is { } batch)
                    return batch.AlertIds;
                await Task.Delay(20);
            }
            throw new TimeoutException($"alert {id} never reached the observer");
        }
    }
}
