using System.Text.Json.Serialization.Metadata;

namespace BizEnv.Invest.Application.Commitments.Ledger;

/// <summary>
/// A property of a ledger state that is not state: words made for the reader in their language (a pending reason
/// put into words). The API shows it; the ledger's state JSON leaves it out, so what is hashed never depends on who
/// read or wrote it. Other computed properties (e.g. a remediation item's SignedOff) stay in, as before.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInLedgerAttribute : Attribute
{
    public static void LeaveOut(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.AttributeProvider?.IsDefined(typeof(NotInLedgerAttribute), inherit: true) == true)
                property.ShouldSerialize = static (_, _) => false;
    }
}
