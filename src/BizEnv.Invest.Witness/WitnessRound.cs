using System.Net.Http.Json;
using System.Text.Json;
using BizEnv.Invest.Domain.Ledger.Merkle;
using BizEnv.Invest.Domain.Ledger.Witness;

namespace BizEnv.Invest.Witness;

/// <summary>How a round ended.</summary>
public enum RoundOutcome
{
    Cosigned,
    Refused,
}

/// <summary>
/// One round: read the latest checkpoint and the consistency proof from the size last cosigned, check the log's
/// signature with the pinned key, judge it against the state (<see cref="WitnessRule"/>), then cosign and hand the line
/// in — or refuse, keep the state, say why naming both checkpoints, and report the refusal signed.
/// </summary>
public sealed class WitnessRound(WitnessOptions options, WitnessKey key, LogKey logKey, HttpClient http, TimeProvider clock, TextWriter output, TextWriter errors)
{
    private sealed record Latest(long Size, string Note, IReadOnlyList<string>? Proof);

    /// <summary>Offered notes already reported in this process: a looping witness does not report one refusal every round.</summary>
    private readonly HashSet<string> _reported = [];

    public async Task<RoundOutcome> RunAsync(CancellationToken ct)
    {
        var state = WitnessState.Load(options.StateFile!);
        var since = state is { Size: > 0 } ? $"?since={state.Size}" : "";
        var latest = await ReadAsync<Latest>(await http.GetAsync($"api/v1/ledger/checkpoints/latest{since}", ct), ct);
        var note = CheckpointText.Parse(latest.Note);
        AlarmKind? refusal;
        string why;
        if (note is null || logKey.Problem(note) is { } bad)
        {
            (refusal, why) = (AlarmKind.BadSignature, note is null ? "the note is malformed" : logKey.Problem(note)!);
        }
        else if (state is null)
        {
            (refusal, why) = (null, "");
        }
        else
        {
            var proof = latest.Proof?.Select(Convert.FromHexString).ToList();
            refusal = WitnessRule.Judge(state.Size, state.RootBytes, note.Size, note.Root,
                () => MerkleVerifier.VerifyConsistency(state.Size, note.Size, state.RootBytes, note.Root, proof));
            why = refusal switch
            {
                AlarmKind.Fork => "same size, another root: the log shows two histories (a fork)",
                AlarmKind.Shrink => "fewer entries than the checkpoint already cosigned: the log shrank",
                AlarmKind.Inconsistent => proof is null ? "no consistency proof was given" : "the consistency proof does not lead from the cosigned root to the new one",
                _ => "",
            };
        }
        if (refusal is { } kind)
        {
            await RefuseAsync(kind, why, state, latest.Note, note, ct);
            return RoundOutcome.Refused;
        }
        // Checked: the new state is saved before the line is handed in, and re-sent next round if handing in fails.
        var current = note!;
        if (state?.Note == latest.Note)
        {
            await SubmitAsync(current.Size, state.Cosignature, ct);
            output.WriteLine($"Checkpoint of {current.Size} entries (root {Convert.ToBase64String(current.Root)}) unchanged; cosignature handed in again.");
            return RoundOutcome.Cosigned;
        }
        var now = clock.GetUtcNow();
        var cosignature = key.Cosign(current.Body, now.ToUnixTimeSeconds());
        new WitnessState(current.Size, Convert.ToBase64String(current.Root), latest.Note, cosignature.Line, now).Save(options.StateFile!);
        var accepted = await SubmitAsync(current.Size, cosignature.Line, ct);
        output.WriteLine($"Cosigned the checkpoint of {current.Size} entries, root {Convert.ToBase64String(current.Root)}" +
            (state is null ? " (first checkpoint this witness sees)" : $" (consistent with {state.Size} entries, root {state.Root})") +
            $"; the app counts {accepted.GetProperty("cosignatures").GetInt32()} cosignature(s) on it.");
        return RoundOutcome.Cosigned;
    }

    private async Task RefuseAsync(AlarmKind kind, string why, WitnessState? state, string offeredNote, CheckpointText? offered, CancellationToken ct)
    {
        var seen = state is null ? "none (no checkpoint cosigned yet)" : $"{state.Size} entries, root {state.Root} ({TimeLine(state.Note)})";
        var shown = offered is null ? "unreadable" : $"{offered.Size} entries, root {Convert.ToBase64String(offered.Root)} ({TimeLine(offeredNote)})";
        errors.WriteLine($"REFUSED to cosign ({kind}): {why}. Cosigned checkpoint: {seen}. Offered checkpoint: {shown}. The state is kept.");
        if (state is null || !_reported.Add(offeredNote))
            return;
        var seconds = clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = key.Sign(WitnessAlarm.SignedMessage(key.Name, kind, seconds, state.Note, offeredNote));
        var response = await http.PostAsJsonAsync("api/v1/ledger/witness-alarms", new
        {
            witness = key.Name, kind = kind.ToString(), cosignedNote = state.Note, offeredNote, unixSeconds = seconds, signature = Convert.ToBase64String(signature),
        }, ct);
        await ReadAsync<JsonElement>(response, ct);
        errors.WriteLine($"Reported the refusal to {http.BaseAddress}.");
    }

    private async Task<JsonElement> SubmitAsync(long size, string line, CancellationToken ct) =>
        await ReadAsync<JsonElement>(await http.PostAsJsonAsync($"api/v1/ledger/checkpoints/{size}/cosignatures", new { cosignature = line }, ct), ct);

    private static string TimeLine(string note) => note.Split('\n').FirstOrDefault(l => l.StartsWith("time ", StringComparison.Ordinal)) ?? "no time";

    /// <summary>The body, or an exception carrying the app's problem title (its refusals say why in words).</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            string? title = null;
            try { title = JsonDocument.Parse(text).RootElement.GetProperty("title").GetString(); }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException) { }
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {title ?? text}");
        }
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct))!;
    }
}
