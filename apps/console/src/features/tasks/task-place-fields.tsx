import { CHECKIN_RADIUS_M, CHECKIN_RADIUS_MAX_M, CHECKIN_RADIUS_MIN_M } from '@sbd/contracts';
import { Col, Form, Input, InputNumber, Row, Slider, type FormInstance } from 'antd';
import type { LatLng } from './geo';
import { MapPicker, type MapMarker } from './map-picker';
import type { TaskFormValues } from './task-format';

/** A coordinate is needed when the other one is given (a position is both or neither). */
const bothOrNeither =
  (other: 'latitude' | 'longitude', message: string) =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, v: unknown) =>
      (v ?? null) === null && (getFieldValue(other) ?? null) !== null
        ? Promise.reject(new Error(message))
        : Promise.resolve(),
  });

/** The 发布任务 form's place: its name, the offline map picker, 纬度/经度 and the check-in radius. */
export function TaskPlaceFields({
  form,
  home,
  markers,
}: {
  form: FormInstance<TaskFormValues>;
  home: LatLng | null;
  markers: MapMarker[];
}) {
  const lat = Form.useWatch('latitude', form);
  const lng = Form.useWatch('longitude', form);
  const radius = Form.useWatch('checkinRadiusM', form) ?? CHECKIN_RADIUS_M;
  const pin = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
  return (
    <>
      <Form.Item name="place" label="任务地点" rules={[{ required: true, message: '请填写任务地点' }]}>
        <Input maxLength={255} placeholder="如：桃园小区3号楼" />
      </Form.Item>
      <MapPicker
        value={pin}
        onChange={(p) => form.setFieldsValue({ latitude: p.lat, longitude: p.lng })}
        radiusM={radius}
        home={home}
        markers={markers}
      />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="latitude"
            label="纬度"
            dependencies={['longitude']}
            rules={[bothOrNeither('longitude', '请同时填写纬度')]}
          >
            <InputNumber min={-90} max={90} step={0.0001} precision={6} className="wide" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="longitude"
            label="经度"
            dependencies={['latitude']}
            rules={[bothOrNeither('latitude', '请同时填写经度')]}
          >
            <InputNumber min={-180} max={180} step={0.0001} precision={6} className="wide" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="签到半径（米）" required>
        <Row gutter={12} align="middle">
          <Col span={16}>
            <Form.Item name="checkinRadiusM" noStyle>
              <Slider
                min={CHECKIN_RADIUS_MIN_M}
                max={CHECKIN_RADIUS_MAX_M}
                step={10}
                ariaLabelForHandle="签到半径滑块"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="checkinRadiusM" noStyle rules={[{ required: true, message: '请填写签到半径' }]}>
              <InputNumber
                min={CHECKIN_RADIUS_MIN_M}
                max={CHECKIN_RADIUS_MAX_M}
                precision={0}
                addonAfter="米"
                aria-label="签到半径"
                className="wide"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
    </>
  );
}
