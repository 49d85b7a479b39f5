using System.Globalization;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using FluentValidation;

namespace BizEnv.Invest.Web.Components.Pages.Zones;

/// <summary>
/// Shared helpers of the zone pages. Land is stored in m² and shown (and typed) in 亩, with 公顷 beside;
/// the other resources keep their own unit (factory space m², power kVA, water t/day, gas m³/day).
/// </summary>
public static class ZoneFormat
{
    /// <summary>The whole checklist: 九通一平 plus 新九通一平. Items never set count as "not yet".</summary>
    public static readonly int ChecklistSize = ReadinessItems.Classic.Count + ReadinessItems.New.Count;

    public static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    public static string Mu(decimal m2) => Number(Math.Round(Area.SquareMetresToMu(m2), 2));

    public static string Hectares(decimal m2) => Number(Math.Round(Area.SquareMetresToHectares(m2), 2));

    /// <summary>An amount of a resource with its unit: land in 亩, the rest as stored.</summary>
    public static string Amount(Resource resource, decimal stored) => resource == Resource.Land
        ? Text.Get("unit.mu", Mu(stored))
        : Text.Get($"unit.{resource.ToString().ToLowerInvariant()}", Number(stored));

    /// <summary>The unit a form asks for (亩 for land).</summary>
    public static string InputUnit(Resource resource) => Text.Get($"zones.input_unit.{resource}");

    /// <summary>What the user typed (亩 for land) in the stored unit (m², to the cent like the column).</summary>
    public static decimal ToStored(Resource resource, decimal typed) =>
        resource == Resource.Land ? Math.Round(Area.MuToSquareMetres(typed), 2) : typed;

    /// <summary>A stored figure as a form shows it: 亩 for land, without trailing zeros ("1200", not "1200.00").</summary>
    public static decimal ToTyped(Resource resource, decimal stored) =>
        Trim(resource == Resource.Land ? Math.Round(Area.SquareMetresToMu(stored), 2) : stored);

    public static decimal Trim(decimal value) =>
        decimal.Parse(value.ToString("0.##########", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static CapacityDto Of(ZoneSummary zone, Resource resource) => zone.Capacity.Single(c => c.Resource == resource);

    /// <summary>Share of the twenty checklist items that are ready (0–1).</summary>
    public static double ReadyShare(ZoneSummary zone) => (double)zone.ReadyItems / ChecklistSize;

    public static string ReadinessColor(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "success",
        ReadinessStatus.Partly => "warning",
        _ => "secondary",
    };

    /// <summary>Green when most of the checklist is ready, amber in between, red when much is missing.</summary>
    public static string ShareColor(double share) => share >= 0.8 ? "success" : share >= 0.5 ? "warning" : "danger";

    public static string ReservationColor(string status) => status switch
    {
        "Reserved" => "primary",
        "Intended" => "info",
        _ => "secondary",
    };

    public static string ParkLevelColor(string level) => level switch
    {
        "National" => "danger",
        "Provincial" => "primary",
        _ => "secondary",
    };

    /// <summary>A history subject: a resource ("Land") or a checklist item ("readiness:Power"), in words.</summary>
    public static string Subject(string subject)
    {
        if (subject.StartsWith("readiness:", StringComparison.Ordinal)
            && Enum.TryParse<ReadinessItem>(subject["readiness:".Length..], out var item))
            return Text.Get($"readinessitem.{item}");
        return Enum.TryParse<Resource>(subject, out var resource) ? Text.Get($"resource.{resource}") : subject;
    }

    /// <summary>A history value in words: a stored figure with its unit, or "Partly 2026-09-30" as status and expected date.</summary>
    public static string Value(string subject, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "—";
        if (subject.StartsWith("readiness:", StringComparison.Ordinal))
        {
            var parts = value.Split(' ', 2);
            var status = Enum.TryParse<ReadinessStatus>(parts[0], out var s) ? Text.Get($"readinessstatus.{s}") : parts[0];
            return parts.Length == 2 ? Text.Get("zones.status_expected", status, parts[1]) : status;
        }
        return Enum.TryParse<Resource>(subject, out var resource) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? Amount(resource, amount)
            : value;
    }

    /// <summary>
    /// A capacity refusal (below reserved, negative, more than available) as a message for the amount field,
    /// its figures in the units people read (亩 for land, not the m² the rule works in).
    /// The amounts are Quantity values, which the string table shows in 亩 / kVA / … itself.
    /// </summary>
    public static ValidationException FieldRefusal(string field, DomainException e) =>
        ValidationText.FieldError(field, e.Code, [.. e.Args]);
}
