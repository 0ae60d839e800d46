import EngineAPI
import ExperimentReport
import Hummingbird
import MotivationEngine

// What routes return, encoded by `EngineResponseEncoder`: the wire types through the fast
// writer, the rest through `JSONEncoder`.

extension Analysis: ResponseEncodable {}
extension PlayerMotivation: ResponseEncodable {}
extension BatchAnswer: ResponseEncodable {}
extension ModelInfo: ResponseEncodable {}
extension RetentionReport: ResponseEncodable {}
extension SegmentList: ResponseEncodable {}
extension ModelList: ResponseEncodable {}
extension ReloadResult: ResponseEncodable {}
