/// A message as shown to a player, with the template it came from.
public struct RenderedMessage: Sendable, Equatable {
    /// The message text.
    public var text: String
    /// The template's id, `status#position` in the language file's list (e.g. `in_range#2`).
    public var templateId: String
}
