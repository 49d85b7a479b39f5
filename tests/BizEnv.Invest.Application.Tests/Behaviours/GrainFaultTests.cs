using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit;
using BizEnv.Invest.Application.Behaviours;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace BizEnv.Invest.Application.Tests.Behaviours;

/// <summary>
/// A grain command whose grain could not answer is told truthfully: never delivered (its silo had just
/// died) means nothing was saved — 503, audited as unavailable; delivered and then no answer means the
/// outcome is unknown — 503 with how to find out, and not audited as a failure (it may have committed).
/// </summary>
public sealed class GrainFaultTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>The pipeline's transaction-and-audit step for a grain command, in a request scope of the leader's, around <paramref name="next"/>.</summary>
    private async Task<CommitmentState> Send(Func<Task<CommitmentState>> next, string? key = null, Common.Grains.GrainCallGate? gate = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var actor = sp.GetRequiredService<ActorContext>();
        actor.Actor = await app.As("leader");
        actor.IdempotencyKey = key;
        var behaviour = new TransactionAuditBehaviour<ReviewCommitment, CommitmentState>(sp.GetRequiredService<IDbSession>(), actor,
            sp.GetRequiredService<IAuditTrail>(), sp.GetRequiredService<AuditWriter>(), sp.GetRequiredService<IdempotencyStore>(),
            gate ?? sp.GetRequiredService<Common.Grains.GrainCallGate>(), sp.GetRequiredService<ILogger<TransactionAuditBehaviour<ReviewCommitment, CommitmentState>>>());
        sp.GetRequiredService<IAuditTrail>().Target("commitment", Guid.NewGuid(), "fault test");
        return await behaviour.Handle(new ReviewCommitment(Guid.NewGuid(), true, null, 1), default, () => next());
    }

    private Task<Exception> Run(Exception thrown, string? key = null) => Should.ThrowAsync<Exception>(() => Send(() => throw thrown, key));

    private Task<long> Audited(string outcome) =>
        app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'ReviewCommitment' AND detail = 'fault test' AND outcome = @outcome", new { outcome });

    // Its constructors are the runtime's own: made as the runtime makes it.
    private static Exception Rejection() => (Exception)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
        System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, ["could not connect"], null)!;

    [Fact]
    public async Task A_command_its_grain_could_not_receive_is_sent_again_until_the_grain_lives_elsewhere()
    {
        var attempts = 0;
        var answer = await Send(() => ++attempts < 3 ? throw Rejection() : Task.FromResult<CommitmentState>(null!));
        answer.ShouldBeNull();
        attempts.ShouldBe(3);
    }

    [Fact]
    public async Task A_command_whose_turn_at_the_grains_never_came_is_not_carried_out_and_is_audited_as_unavailable()
    {
        var gate = new Common.Grains.GrainCallGate("Host=h;Maximum Pool Size=4", TimeSpan.FromMilliseconds(100));
        using var taken = await gate.EnterAsync(default);
        using var alsoTaken = await gate.EnterAsync(default);
        var before = await Audited("unavailable");
        var ran = false;

        await Should.ThrowAsync<ServerBusyException>(() => Send(() => { ran = true; return Task.FromResult<CommitmentState>(null!); }, gate: gate));

        ran.ShouldBeFalse();
        (await Audited("unavailable")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_command_its_grain_never_received_within_the_patience_is_a_503_with_nothing_saved_and_is_audited_as_unavailable()
    {
        var before = await Audited("unavailable");
        (await Run(Rejection())).ShouldBeOfType<ClusterUnavailableException>();
        (await Audited("unavailable")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_command_whose_grain_went_away_before_answering_has_an_unknown_outcome_and_no_failure_audited()
    {
        var before = await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'ReviewCommitment' AND detail = 'fault test'");
        (await Run(new SiloUnavailableException("gone"), key: "k-1")).ShouldBeOfType<OutcomeUnknownException>().Keyed.ShouldBeTrue();
        (await Run(new TimeoutException("no answer"))).ShouldBeOfType<OutcomeUnknownException>().Keyed.ShouldBeFalse();
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'ReviewCommitment' AND detail = 'fault test'")).ShouldBe(before);
    }
}
