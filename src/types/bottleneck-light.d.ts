/** bottleneck/light.js is bottleneck without Redis clustering, the build the throttling plugin uses; its API is the full build's. */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
